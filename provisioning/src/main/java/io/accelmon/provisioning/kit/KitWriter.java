package io.accelmon.provisioning.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The only code that writes the kit to disk. A kit owns exactly the files its {@link KitManifest} lists: a directory
 * is written only when it is new, empty or carries a manifest; listed files are replaced, listed files the new kit no
 * longer has are removed, and every other file is kept and reported. Everything is staged next to the target first,
 * so a refused or failed render changes nothing.
 */
public final class KitWriter {

    private KitWriter() {
    }

    /** What a render did to the directory. */
    public record Outcome(int written, List<String> removed, List<String> kept) {
    }

    public static Outcome write(Map<String, String> files, Path out) throws KitRefused, IOException {
        Path target = out.toAbsolutePath().normalize();
        ForbiddenDirs.check(target);
        Map<String, String> hashes = new TreeMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            checkRelative(f.getKey());
            hashes.put(f.getKey(), KitManifest.sha256(f.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        Path parent = target.getParent();
        if (Files.isSymbolicLink(target)) {
            throw new KitRefused(target + ": is a symbolic link; give the real directory as --out");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(parent);
            writeFresh(files, hashes, target);
            return new Outcome(files.size(), List.of(), List.of());
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new KitRefused(target + ": exists and is not a directory; refusing to replace it");
        }
        Path manifestFile = target.resolve(KitManifest.FILE_NAME);
        KitManifest old;
        if (Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            old = KitManifest.read(manifestFile);
        } else if (isEmpty(target)) {
            old = KitManifest.EMPTY;
        } else {
            throw new KitRefused(target + ": is not empty and carries no " + KitManifest.FILE_NAME
                    + " (it holds no kit accelmon wrote); refusing to write into it, choose a new or empty directory");
        }
        return update(files, hashes, target, old);
    }

    private static void writeFresh(Map<String, String> files, Map<String, String> hashes, Path target)
            throws IOException {
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = tmp.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
            new KitManifest(hashes).write(tmp.resolve(KitManifest.FILE_NAME));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } finally {
            if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(tmp);
            }
        }
    }

    private static Outcome update(Map<String, String> files, Map<String, String> hashes, Path target, KitManifest old)
            throws KitRefused, IOException {
        Set<String> present = filesUnder(target);
        present.remove(KitManifest.FILE_NAME);
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String rel : hashes.keySet()) {
            checkNoLinkOnTheWay(target, rel);
            Path p = target.resolve(rel);
            if (!present.contains(rel)) {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    throw new KitRefused(p + ": is in the way of a kit file and is not a regular file; move it away");
                }
                continue;
            }
            if (!old.owns(rel)) {
                throw new KitRefused(p + ": was not written by accelmon (not in " + KitManifest.FILE_NAME
                        + ") and the kit would overwrite it; move it away");
            }
            if (!old.matches(rel, KitManifest.sha256(Files.readAllBytes(p)))) {
                throw new KitRefused(p + ": was changed since accelmon wrote it (hash differs from "
                        + KitManifest.FILE_NAME + "); move it away or restore it, then render again");
            }
        }
        Map<String, String> stale = new LinkedHashMap<>();
        for (String rel : present) {
            if (hashes.containsKey(rel)) {
                continue;
            }
            if (old.owns(rel) && old.matches(rel, KitManifest.sha256(Files.readAllBytes(target.resolve(rel))))) {
                stale.put(rel, old.hash(rel));
            } else {
                kept.add(rel);
            }
        }
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = tmp.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
            // While files move, the manifest owns both the old and the new versions, so an interrupted render
            // can be rerun.
            old.with(hashes).write(target.resolve(KitManifest.FILE_NAME));
            for (String rel : hashes.keySet()) {
                Path dest = target.resolve(rel);
                Files.createDirectories(dest.getParent());
                try {
                    Files.move(tmp.resolve(rel), dest, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp.resolve(rel), dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (String rel : stale.keySet()) {
                Files.deleteIfExists(target.resolve(rel));
                removed.add(rel);
                removeEmptyParents(target, target.resolve(rel).getParent());
            }
            new KitManifest(hashes).write(target.resolve(KitManifest.FILE_NAME));
        } finally {
            deleteTree(tmp);
        }
        return new Outcome(files.size(), List.copyOf(removed), List.copyOf(kept));
    }

    private static void checkRelative(String rel) throws IOException {
        Path p = Path.of(rel);
        if (p.isAbsolute() || !p.normalize().equals(p) || rel.startsWith("..") || rel.equals(KitManifest.FILE_NAME)) {
            throw new IOException("path escapes the kit: " + rel);
        }
    }

    private static void checkNoLinkOnTheWay(Path target, String rel) throws KitRefused {
        Path p = target;
        Path dir = Path.of(rel).getParent();
        for (Path part : Path.of(rel)) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                throw new KitRefused(p + ": is a symbolic link on the way to a kit file; refusing to write through it");
            }
            if (dir != null && target.resolve(dir).startsWith(p) && Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new KitRefused(p + ": is in the way of a kit directory and is not a directory; move it away");
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Every non-directory entry under {@code root}, relative, with '/' separators; links are not followed. */
    private static Set<String> filesUnder(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
        }
        return out;
    }

    private static void removeEmptyParents(Path root, Path dir) throws IOException {
        while (dir != null && dir.startsWith(root) && !dir.equals(root) && isEmpty(dir)) {
            Files.delete(dir);
            dir = dir.getParent();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
