package io.accelmon.provisioning.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The list of files a kit directory's render wrote, with their SHA-256, in {@code sha256sum} format
 * ({@code HASH  PATH}, so {@code sha256sum -c .accelmon-kit} checks a kit). A path may be listed with two hashes while a
 * render is moving files in.
 */
public final class KitManifest {

    public static final String FILE_NAME = ".accelmon-kit";
    static final KitManifest EMPTY = new KitManifest(Map.of());
    private static final long MAX_BYTES = 1 << 20;

    private final Map<String, Set<String>> hashes = new TreeMap<>();

    KitManifest(Map<String, String> single) {
        single.forEach((path, hash) -> hashes.computeIfAbsent(path, k -> new LinkedHashSet<>()).add(hash));
    }

    private KitManifest() {
    }

    static KitManifest read(Path file) throws KitRefused, IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new KitRefused(file + ": is larger than " + MAX_BYTES + " bytes; not a kit manifest");
        }
        KitManifest m = new KitManifest();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!line.matches("[0-9a-f]{64}  [^\\x00-\\x1f]+")) {
                throw new KitRefused(file + ":" + (i + 1) + ": not a 'SHA256  PATH' line; the manifest was edited");
            }
            String rel = line.substring(66);
            Path p = Path.of(rel);
            if (p.isAbsolute() || !p.normalize().equals(p) || rel.startsWith("..")) {
                throw new KitRefused(file + ":" + (i + 1) + ": path '" + rel + "' is outside the kit");
            }
            m.hashes.computeIfAbsent(rel, k -> new LinkedHashSet<>()).add(line.substring(0, 64));
        }
        return m;
    }

    boolean owns(String rel) {
        return hashes.containsKey(rel);
    }

    boolean matches(String rel, String sha256) {
        return hashes.getOrDefault(rel, Set.of()).contains(sha256);
    }

    /** One of the hashes listed for {@code rel}. */
    String hash(String rel) {
        return hashes.get(rel).iterator().next();
    }

    /** This manifest plus {@code more}, a path keeping every hash either lists. */
    KitManifest with(Map<String, String> more) {
        KitManifest m = new KitManifest();
        hashes.forEach((k, v) -> m.hashes.put(k, new LinkedHashSet<>(v)));
        more.forEach((path, hash) -> m.hashes.computeIfAbsent(path, k -> new LinkedHashSet<>()).add(hash));
        return m;
    }

    void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# files accelmon render wrote here; it removes or rewrites only these\n");
        hashes.forEach((path, set) -> set.forEach(h -> sb.append(h).append("  ").append(path).append('\n')));
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(tmp + ": is in the way and not a regular file");
        }
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
