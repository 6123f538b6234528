package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sgdlab.cli.SgdLabTest.Run;
import io.github.sgdlab.privacy.NoiseMultiplier;
import io.github.sgdlab.privacy.PrivacyAccountant;
import io.github.sgdlab.privacy.RdpAccountant;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code privacy epsilon} and {@code privacy noise} commands. */
class PrivacyCommandTest {

    @Test
    @DisplayName("privacy epsilon --json with rdp: the issue's keys, Opacus's epsilon, epochs as floor(E/q) steps")
    void epsilonRdpJson() {
        Run run = SgdLabTest.run("privacy", "epsilon", "--noise-multiplier", "1.5",
                "--sample-rate", "0.04", "--epochs", "90", "--delta", "1e-5",
                "--accountant", "rdp", "--json");
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        RdpAccountant accountant = new RdpAccountant();
        accountant.step(1.5, 0.04, 2250);
        assertAll(
                () -> assertEquals(0, run.exitCode(), run.err()),
                () -> assertEquals(Set.of("accountant", "epsilon", "delta", "noise_multiplier",
                        "sample_rate", "steps", "best_order"), json.keySet()),
                () -> assertEquals("rdp", json.get("accountant").getAsString()),
                () -> assertEquals(2250, json.get("steps").getAsLong()),
                () -> assertEquals(accountant.getEpsilon(1e-5), json.get("epsilon").getAsDouble()),
                () -> assertEquals(7.32911117143, json.get("epsilon").getAsDouble(), 1e-11),
                () -> assertEquals(3.9, json.get("best_order").getAsDouble()),
                () -> assertEquals(1e-5, json.get("delta").getAsDouble()));
    }

    @Test
    @DisplayName("privacy epsilon defaults to the PRV accountant, as Opacus, with no best_order")
    void epsilonPrvDefault() {
        Run run = SgdLabTest.run("privacy", "epsilon", "--noise-multiplier", "0.8",
                "--sample-rate", "0.001", "--steps", "100", "--delta", "1e-6", "--json");
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        PrivacyAccountant prv = PrivacyAccountant.create("prv");
        prv.step(0.8, 0.001, 100);
        assertAll(
                () -> assertEquals(0, run.exitCode(), run.err()),
                () -> assertEquals("prv", json.get("accountant").getAsString()),
                () -> assertEquals(Set.of("accountant", "epsilon", "delta", "noise_multiplier",
                        "sample_rate", "steps"), json.keySet()),
                () -> assertEquals(prv.getEpsilon(1e-6), json.get("epsilon").getAsDouble()));
    }

    @Test
    @DisplayName("privacy noise: Opacus's sigma and the epsilon it reaches, in text and JSON")
    void noise() {
        Run run = SgdLabTest.run("privacy", "noise", "--epsilon", "8", "--delta", "1e-5",
                "--sample-rate", "0.04", "--steps", "2000", "--accountant", "rdp", "--json");
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        double sigma = NoiseMultiplier.find(8, 1e-5, 0.04, 2000, "rdp");
        RdpAccountant accountant = new RdpAccountant();
        accountant.step(sigma, 0.04, 2000);
        assertAll(
                () -> assertEquals(0, run.exitCode(), run.err()),
                () -> assertEquals(sigma, json.get("noise_multiplier").getAsDouble()),
                () -> assertEquals(1.356201171875, sigma),
                () -> assertEquals(accountant.getEpsilon(1e-5), json.get("epsilon").getAsDouble()),
                () -> assertTrue(json.get("epsilon").getAsDouble() <= 8));
        Run text = SgdLabTest.run("privacy", "noise", "--epsilon", "8", "--delta", "1e-5",
                "--sample-rate", "0.04", "--steps", "2000", "--accountant", "rdp");
        assertTrue(text.out().startsWith("noise multiplier 1.356201171875 keeps 2000 steps"),
                text.out());
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("bad input: exit 2, one line naming the problem, nothing on stdout")
    @CsvSource(delimiter = '|', value = {
        "epsilon --noise-multiplier 0 --sample-rate 0.04 --steps 10 --delta 1e-5|noise multiplier",
        "epsilon --noise-multiplier 1 --sample-rate 1.5 --steps 10 --delta 1e-5|sample rate",
        "epsilon --noise-multiplier 1 --sample-rate 0.04 --steps 0 --delta 1e-5|steps",
        "epsilon --noise-multiplier 1 --sample-rate 0.04 --steps 10 --delta 1|delta",
        "epsilon --noise-multiplier 1 --sample-rate 0.04 --steps 10 --delta NaN|delta",
        "epsilon --noise-multiplier 1 --sample-rate 0.04 --steps 10 --epochs 2 --delta 1e-5|mutually exclusive",
        "epsilon --noise-multiplier 1 --sample-rate 0.04 --delta 1e-5|--steps",
        "epsilon --noise-multiplier 1 --sample-rate 0.04 --epochs 0.01 --delta 1e-5|no whole step",
        "epsilon --noise-multiplier 1 --sample-rate 0.04 --steps 10 --delta 1e-5 --accountant gdp|accountant",
        "noise --epsilon 1e-9 --delta 1e-5 --sample-rate 0.5 --steps 1000 --accountant rdp|out of reach",
        "noise --epsilon -1 --delta 1e-5 --sample-rate 0.5 --steps 1000|target epsilon",
        "noise --epsilon 1 --sample-rate 0.5 --steps 1000|--delta",
    })
    void badInput(String args, String named) {
        String[] words = ("privacy " + args).split(" ");
        Run run = SgdLabTest.run(words);
        assertAll(
                () -> assertEquals(2, run.exitCode(), run.err()),
                () -> assertEquals("", run.out()),
                () -> assertEquals(1, run.err().strip().split("\n").length, run.err()),
                () -> assertTrue(run.err().contains(named), run.err()));
    }
}
