package io.github.sgdlab.check;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a compiled class refers to, read from its constant pool (JVMS §4.4): every method it calls
 * or takes a handle to, and every string of the pool (class names, descriptors). Enough for
 * architecture rules without a bytecode library.
 *
 * @param className the class, in internal form ({@code io/github/sgdlab/check/GradCheck})
 * @param methods the methods referred to
 * @param strings every UTF-8 entry of the pool
 */
record ConstantPool(String className, List<MethodRef> methods, List<String> strings) {

    /**
     * A method reference.
     *
     * @param owner the declaring class, internal form
     * @param name the method's name
     * @param descriptor its descriptor, e.g. {@code (Ljava/lang/Number;)Lai/djl/ndarray/NDArray;}
     */
    record MethodRef(String owner, String name, String descriptor) {

        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    /**
     * Every class file under a directory.
     *
     * @param root a class-path directory, such as {@code target/classes}
     * @return the parsed pools
     */
    static List<ConstantPool> under(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<ConstantPool> pools = new ArrayList<>();
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))
                    .sorted()::iterator) {
                try (InputStream in = Files.newInputStream(file)) {
                    pools.add(read(in));
                }
            }
            return pools;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one class file's constant pool.
     *
     * @param stream the class file
     * @return its pool
     * @throws IOException if it cannot be read or is not a class file
     */
    static ConstantPool read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Object[] entries = new Object[count];
        int[][] refs = new int[count][];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> entries[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> refs[i] = new int[] {in.readUnsignedShort()};
                case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {in.readUnsignedShort(),
                    in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    refs[i] = new int[] {in.readUnsignedShort()};
                }
                default -> throw new IOException("unknown constant-pool tag " + tag);
            }
        }
        in.readUnsignedShort();
        int thisClass = in.readUnsignedShort();
        List<MethodRef> methods = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 1) {
                strings.add((String) entries[i]);
            } else if (tags[i] == 10 || tags[i] == 11) {
                String owner = (String) entries[refs[refs[i][0]][0]];
                int[] nameAndType = refs[refs[i][1]];
                methods.add(new MethodRef(owner, (String) entries[nameAndType[0]],
                        (String) entries[nameAndType[1]]));
            }
        }
        return new ConstantPool((String) entries[refs[thisClass][0]], List.copyOf(methods),
                List.copyOf(strings));
    }
}
