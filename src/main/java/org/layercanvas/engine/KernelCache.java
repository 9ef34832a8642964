package org.layercanvas.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The kernel check's choice, kept in one properties file per user so that it runs once per machine
 * and native library: a file written for another CPU, other libraries or another revision of the
 * check is ignored and replaced.
 */
public final class KernelCache {
    /** The file's name inside LayerCanvas's home folder. */
    public static final String FILE = "native-kernels.properties";

    private final Path file;

    /**
     * What a choice depends on.
     *
     * @param libraries the native library's and DJL's versions
     * @param cpu the CPU's vendor, family, model, stepping, name and a digest of its flags
     * @param revision the kernel check's revision ({@link KernelCheck#REVISION})
     */
    public record Key(String libraries, String cpu, int revision) {
    }

    /** Creates the cache kept in {@code dir}/{@value #FILE}. */
    public KernelCache(Path dir) {
        this.file = dir.resolve(FILE);
    }

    /** Returns the file the choice is kept in. */
    public Path file() {
        return file;
    }

    /** Returns the setting chosen for {@code key}, or empty when none was, or for another key. */
    public Optional<String> read(Key key) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean same = key.libraries().equals(p.getProperty("libraries"))
                && key.cpu().equals(p.getProperty("cpu"))
                && Integer.toString(key.revision()).equals(p.getProperty("revision"));
        String isa = p.getProperty("isa", "");
        return same && isa.matches("[A-Z0-9_]+") ? Optional.of(isa) : Optional.empty();
    }

    /** Keeps {@code choice} for {@code key}, replacing the file in one move. */
    public void write(Key key, IsaChoice choice) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        lines.add("# oneDNN instruction set chosen by LayerCanvas's kernel check (docs/native-kernels.md).");
        lines.add("# Delete this file to check again; set ONEDNN_MAX_CPU_ISA to override it.");
        Properties p = new Properties();
        p.setProperty("libraries", key.libraries());
        p.setProperty("cpu", key.cpu());
        p.setProperty("revision", Integer.toString(key.revision()));
        p.setProperty("isa", choice.isa());
        p.setProperty("checked", Instant.now().toString());
        for (IsaChoice.Verdict v : choice.tried()) {
            p.setProperty("tried." + v.isa(), v.passed() ? "pass" : "fail: " + v.detail());
        }
        Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write(System.lineSeparator());
            }
            p.store(out, null);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Returns the key of this machine and class path, read from {@code cpuinfo} (Linux's
     * {@code /proc/cpuinfo}) and the native library's jars, without loading the library.
     */
    public static Key current(Path cpuinfo) {
        return new Key(libraries(), cpu(cpuinfo), KernelCheck.REVISION);
    }

    /** Returns the versions of the bundled libtorch, its JNI binding and DJL, from their jars. */
    static String libraries() {
        ClassLoader loader = KernelCache.class.getClassLoader();
        Properties torch = resource(loader, "native/lib/pytorch.properties");
        Properties jni = resource(loader, "jnilib/pytorch.properties");
        Properties djl = resource(loader, "ai/djl/engine/api.properties");
        return "libtorch " + torch.getProperty("version", "?") + " " + torch.getProperty("flavor", "?") + " "
                + torch.getProperty("classifier", "?") + ", jni " + jni.getProperty("jni_version",
                        jni.getProperty("version", "?")) + ", djl " + djl.getProperty("djl_version", "?");
    }

    private static Properties resource(ClassLoader loader, String name) {
        Properties p = new Properties();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource reads as unknown versions, which no cached key matches
        }
        return p;
    }

    /**
     * Returns the first processor's identity from {@code cpuinfo}, with a digest of its flags, or
     * the JVM's architecture and processor count where there is no such file.
     */
    static String cpu(Path cpuinfo) {
        Properties fields = cpuFields(cpuinfo);
        if (fields.isEmpty()) {
            return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " processors";
        }
        return fields.getProperty("vendor_id", "?") + " family " + fields.getProperty("cpu family", "?") + " model "
                + fields.getProperty("model", "?") + " stepping " + fields.getProperty("stepping", "?") + ", "
                + fields.getProperty("model name", "?") + ", flags " + digest(fields.getProperty("flags", ""));
    }

    /** Returns the CPU's flags from {@code cpuinfo}, empty where there is no such file. */
    public static java.util.Set<String> flags(Path cpuinfo) {
        String flags = cpuFields(cpuinfo).getProperty("flags", "").trim();
        return flags.isEmpty() ? java.util.Set.of() : java.util.Set.of(flags.split("\\s+"));
    }

    /** Returns the {@code name : value} lines of the first processor in {@code cpuinfo}. */
    private static Properties cpuFields(Path cpuinfo) {
        Properties fields = new Properties();
        if (!Files.isReadable(cpuinfo)) {
            return fields;
        }
        try {
            for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.setProperty(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            fields.clear();
        }
        return fields;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
