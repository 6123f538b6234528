package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The accountants' contracts: creation, composition of steps, bad arguments, the warning. */
class AccountantContractTest {

    @Test
    @DisplayName("create names rdp and prv, and refuses anything else naming it")
    void create() {
        assertInstanceOf(RdpAccountant.class, PrivacyAccountant.create("rdp"));
        assertInstanceOf(PrvAccountant.class, PrivacyAccountant.create("prv"));
        assertEquals("prv", PrivacyAccountant.create("prv").mechanism());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrivacyAccountant.create("gdp"));
        assertTrue(e.getMessage().contains("gdp"), e.getMessage());
    }

    @Test
    @DisplayName("DEFAULT_ORDERS are Opacus's: 1.1..10.9 by 0.1, then 12..63")
    void defaultOrders() {
        assertEquals(151, RdpAccountant.DEFAULT_ORDERS.size());
        assertEquals(1.1, RdpAccountant.DEFAULT_ORDERS.get(0));
        assertEquals(10.9, RdpAccountant.DEFAULT_ORDERS.get(98));
        assertEquals(12.0, RdpAccountant.DEFAULT_ORDERS.get(99));
        assertEquals(63.0, RdpAccountant.DEFAULT_ORDERS.get(150));
    }

    @Test
    @DisplayName("single steps add up to the same epsilon as one entry of many steps, and mixed histories compose")
    void stepsCompose() {
        RdpAccountant one = new RdpAccountant();
        RdpAccountant many = new RdpAccountant();
        for (int k = 0; k < 50; k++) {
            one.step(1.1, 0.01);
        }
        many.step(1.1, 0.01, 50);
        assertEquals(many.getEpsilon(1e-5), one.getEpsilon(1e-5));
        RdpAccountant mixed = new RdpAccountant();
        mixed.step(1.1, 0.01, 50);
        mixed.step(2.0, 0.02, 10);
        assertTrue(mixed.getEpsilon(1e-5) > many.getEpsilon(1e-5));
        assertEquals(0.0, new PrvAccountant().getEpsilon(1e-5));
        assertEquals(new PrivacySpent(0, 0), new RdpAccountant().getPrivacySpent(1e-5));
    }

    @Test
    @DisplayName("PRV is tighter than RDP on Opacus's example, as Opacus reports")
    void prvTighter() {
        PrivacyAccountant rdp = PrivacyAccountant.create("rdp");
        PrivacyAccountant prv = PrivacyAccountant.create("prv");
        rdp.step(1.5, 0.04, 2250);
        prv.step(1.5, 0.04, 2250);
        assertTrue(prv.getEpsilon(1e-5) < rdp.getEpsilon(1e-5));
    }

    @Test
    @DisplayName("every bad argument is an IllegalArgumentException that names it")
    void badArguments() {
        RdpAccountant rdp = new RdpAccountant();
        PrvAccountant prv = new PrvAccountant();
        rdp.step(1, 0.01, 10);
        prv.step(1, 0.01, 10);
        assertNames("noise multiplier", () -> rdp.step(0, 0.01));
        assertNames("noise multiplier", () -> rdp.step(-1, 0.01));
        assertNames("noise multiplier", () -> prv.step(Double.NaN, 0.01));
        assertNames("sample rate", () -> rdp.step(1, 0));
        assertNames("sample rate", () -> rdp.step(1, 1.5));
        assertNames("sample rate", () -> prv.step(1, Double.NaN));
        assertNames("steps", () -> rdp.step(1, 0.01, 0));
        assertNames("delta", () -> rdp.getEpsilon(0));
        assertNames("delta", () -> prv.getEpsilon(1));
        assertNames("delta", () -> prv.getEpsilon(Double.NaN));
        assertNames("orders", () -> new RdpAccountant().optOrders(1.0));
        assertNames("orders", () -> new RdpAccountant().optOrders());
        assertNames("sample rate", () -> RdpAccountant.rdp(2, 1, 1, new double[] {2}));
        assertNames("target epsilon", () -> NoiseMultiplier.find(0, 1e-5, 0.01, 10, "rdp"));
        assertNames("target epsilon", () -> NoiseMultiplier.find(Double.NaN, 1e-5, 0.01, 10,
                "rdp"));
        assertNames("delta", () -> NoiseMultiplier.find(1, 2, 0.01, 10, "rdp"));
        assertNames("steps", () -> NoiseMultiplier.find(1, 1e-5, 0.01, 0, "rdp"));
        assertNames("mechanism", () -> NoiseMultiplier.find(1, 1e-5, 0.01, 10, "gdp"));
        assertNames("out of reach", () -> NoiseMultiplier.find(1e-9, 1e-5, 0.5, 1000, "rdp"));
    }

    @Test
    @DisplayName("the best order at either end of the range logs Opacus's warning")
    void warning() {
        Logger logger = Logger.getLogger("io.github.sgdlab.privacy");
        List<String> messages = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try {
            RdpAccountant accountant = new RdpAccountant();
            accountant.step(20, 0.001, 10);
            PrivacySpent spent = accountant.getPrivacySpent(1e-5);
            assertEquals(63.0, spent.bestOrder());
            assertEquals(1, messages.size());
            assertTrue(messages.get(0).startsWith("Optimal order is the largest alpha."));
            messages.clear();
            RdpAccountant middle = new RdpAccountant();
            middle.step(1.5, 0.04, 2250);
            middle.getPrivacySpent(1e-5);
            assertEquals(List.of(), messages);
        } finally {
            logger.removeHandler(handler);
        }
    }

    private static void assertNames(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(name), () -> "'" + e.getMessage() + "' names " + name);
    }
}
