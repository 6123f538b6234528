package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Figures published with Opacus (its tests and docstrings), by microsoft/prv_accountant (as
 * Opacus's tests list them), and by TF-Privacy's MNIST tutorial, which used the older RDP to
 * (ε, δ) conversion ε = min_α RDP(α) − log δ / (α − 1).
 */
class PublishedFiguresTest {

    @Test
    @DisplayName("Opacus test_rdp_accountant: sigma 1.5, q 0.04, 90 epochs, delta 1e-5 -> 7.32911117143")
    void opacusRdpTest() {
        RdpAccountant accountant = new RdpAccountant();
        for (int k = 0; k < (int) (90 / 0.04); k++) {
            accountant.step(1.5, 0.04);
        }
        assertEquals(7.32911117143, accountant.getEpsilon(1e-5), 1e-11);
    }

    @Test
    @DisplayName("Opacus test_prv_accountant: 2249 steps -> 6.777395712150674 (7 places)")
    void opacusPrvTest() {
        PrvAccountant accountant = new PrvAccountant();
        accountant.step(1.5, 0.04, (long) Math.floor(90 / 0.04) - 1); // int(90 // 0.04) = 2249
        assertEquals(6.777395712150674, accountant.getEpsilon(1e-5), 1e-7);
    }

    @Test
    @DisplayName("Opacus's analysis/rdp.py docstring: two mechanisms, orders 2..32 -> (0.336, 23)")
    void opacusDocstring() {
        double[] orders = new double[31];
        for (int k = 0; k < orders.length; k++) {
            orders[k] = k + 2;
        }
        RdpAccountant accountant = new RdpAccountant().optOrders(orders);
        accountant.step(1.0, 1e-5, 10);
        accountant.step(3.0, 1e-4, 4);
        PrivacySpent spent = accountant.getPrivacySpent(1e-5);
        assertEquals(0.336, spent.epsilon(), 5e-4);
        assertEquals(23, spent.bestOrder());
    }

    @Test
    @DisplayName("Opacus's compute_dp_sgd_privacy docstring: 3 epochs at q 0.01, sigma 1 -> 2.39 at order 5")
    void opacusScript() {
        RdpAccountant accountant = new RdpAccountant().optOrders(2, 5, 10, 20, 100);
        accountant.step(1.0, 0.01, 300);
        PrivacySpent spent = accountant.getPrivacySpent(1e-5);
        assertEquals(2.39, spent.epsilon(), 5e-3);
        assertEquals(5, spent.bestOrder());
    }

    @ParameterizedTest(name = "sigma {0}, q {1}, {2} steps -> {3}")
    @DisplayName("microsoft/prv_accountant's values (Opacus's prv_accountant test), delta 1e-6, 4 places")
    @CsvSource({
        "0.8, 0.001, 100, 0.270403364058018680360362395731",
        "3.0, 0.001, 100, 0.0215200934390882663016508757892",
        "0.8, 0.05, 100, 6.74105193941409996938318727189",
        "3.0, 0.2, 100, 3.38122051022184422208738396876",
        "2.0, 0.05, 1000, 4.17279986668931890392286732094",
        "1.5, 0.001, 20000, 0.437005108654860807693154356457",
        "3.0, 0.05, 20000, 13.9611146992367061159256991232",
    })
    void microsoftPrv(double sigma, double q, long steps, double expected) {
        PrvAccountant accountant = new PrvAccountant();
        accountant.step(sigma, q, steps);
        assertEquals(expected, accountant.getEpsilon(1e-6), 5e-5);
    }

    @ParameterizedTest(name = "{0} on {1} steps of q {2}, {3} -> {4}")
    @DisplayName("Opacus's get_noise_multiplier tests")
    @CsvSource({
        "8, 2250, 0.04, rdp, 1.416, 5e-5",
        "8, 2000, 0.04, rdp, 1.3562, 5e-5",
        "8, 2250, 0.04, prv, 1.34765625, 5e-5",
        "8, 2000, 0.04, prv, 1.2915, 5e-5",
    })
    void opacusNoise(double epsilon, long steps, double q, String mechanism, double expected,
            double places) {
        assertEquals(expected, NoiseMultiplier.find(epsilon, 1e-5, q, steps, mechanism), places);
    }

    @ParameterizedTest(name = "sigma {0}, {1} epochs -> {2}")
    @DisplayName("TF-Privacy MNIST tutorial (batch 256 of 60000, delta 1e-5, older conversion)")
    @CsvSource({"1.1, 60, 3.01", "0.7, 45, 7.10"})
    void tfPrivacyMnist(double sigma, int epochs, double expected) {
        double q = 256.0 / 60000;
        long steps = (long) Math.ceil(epochs * 60000.0 / 256);
        double[] orders = RdpAccountant.defaultOrdersArray();
        double[] rdp = RdpAccountant.rdp(q, sigma, steps, orders);
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < orders.length; k++) {
            best = Math.min(best, rdp[k] - Math.log(1e-5) / (orders[k] - 1));
        }
        assertEquals(expected, best, 5e-3);
    }
}
