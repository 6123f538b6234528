#!/usr/bin/env bash
# Benchmark: files/DoubleText.of (Schubfach) against JDK 17's Double.toString and against the
# earlier DoubleText (Double.toString's text shortened with BigDecimal, commit dc13343), one
# thread, ns per value; then, where a JDK 19+ is installed, DoubleText against that JDK's
# Double.toString (Schubfach too) on random bit patterns: they must agree except where the
# shortest decimal has one digit (DoubleText writes it, JDK 19+ writes two: 4.9E-324).
# Usage, from the repository root: bash src/test/bench/double-text.sh [values] [rounds] [compared]
set -euo pipefail
count=${1:-1000000}
rounds=${2:-7}
compared=${3:-20000000}
mvn -q -o test-compile
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
mkdir -p "$old/src/old"
git show dc13343:src/main/java/io/github/sgdlab/files/DoubleText.java \
  | sed 's/^package io.github.sgdlab.files;/package old;/' > "$old/src/old/DoubleText.java"
javac -d "$old/classes" "$old/src/old/DoubleText.java"
cp="target/classes:target/test-classes:$old/classes"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -XX:ActiveProcessorCount=1 -cp "$cp" io.github.sgdlab.bench.DoubleTextTiming \
  "$count" "$rounds" old.DoubleText
jdk=$(ls -d /usr/lib/jvm/*-2[0-9]-* /usr/lib/jvm/*-19-* 2>/dev/null | head -1 || true)
if [ -n "$jdk" ]; then
  cat > "$old/src/Oracle.java" <<'JAVA'
import java.util.SplittableRandom;
public class Oracle {
    public static void main(String[] a) throws Exception {
        long n = Long.parseLong(a[0]);
        SplittableRandom random = new SplittableRandom(7);
        java.lang.reflect.Method of = Class.forName("io.github.sgdlab.files.DoubleText")
            .getMethod("of", double.class);
        long differ = 0, checked = 0;
        for (long i = 0; i < n; i++) {
            long bits = i % 4 == 3 ? random.nextLong(1, 1L << 54) : random.nextLong();
            double x = Double.longBitsToDouble(bits);
            String ours = (String) of.invoke(null, x), jdk = Double.toString(x);
            checked++;
            if (!ours.equals(jdk)) {
                differ++;
                if (differ <= 5) System.out.println("differ: " + jdk + " (JDK) " + ours + " (DoubleText)");
            }
        }
        for (long t = 1; t < 1_000_000; t++) {
            double x = Double.longBitsToDouble(t);
            String ours = (String) of.invoke(null, x), jdk = Double.toString(x);
            checked++;
            if (!ours.equals(jdk)) {
                differ++;
                System.out.println("subnormal differs: " + jdk + " (JDK) " + ours + " (DoubleText)");
            }
        }
        System.out.println(Runtime.version() + ": " + checked + " values, " + differ + " differ");
    }
}
JAVA
  "$jdk/bin/javac" -d "$old/oracle" "$old/src/Oracle.java"
  "$jdk/bin/java" -cp "$old/oracle:target/classes" Oracle "$compared"
fi
