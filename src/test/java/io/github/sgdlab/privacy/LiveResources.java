package io.github.sgdlab.privacy;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the engine's live managers and resources, from the system manager down: DJL's only
 * public view of the whole tree is {@code BaseNDManager.debugDump}, which prints one line per
 * manager with its resource count.
 */
final class LiveResources {

    private static final Pattern COUNT = Pattern.compile("resource count: (\\d+)");

    private LiveResources() {}

    /** {managers, resources} under the system manager of {@code any}'s engine. */
    static synchronized long[] count(NDManager any) {
        NDManager root = any;
        while (root.getParentManager() != null && root.getParentManager() != root) {
            root = root.getParentManager();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            ((BaseNDManager) root).debugDump(0);
        } finally {
            System.setOut(out);
        }
        long managers = 0;
        long resources = 0;
        Matcher matcher = COUNT.matcher(bytes.toString(StandardCharsets.UTF_8));
        while (matcher.find()) {
            managers++;
            resources += Long.parseLong(matcher.group(1));
        }
        if (managers == 0) {
            throw new IllegalStateException("debugDump printed no manager: " + bytes);
        }
        return new long[] {managers, resources};
    }
}
