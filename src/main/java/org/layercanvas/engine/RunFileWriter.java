package org.layercanvas.engine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the files of a run folder without ever following a symbolic link: a file is written to a
 * temporary file created new beside it (never one that exists, so never through a planted link) and
 * renamed over it; appends open the file itself with {@link LinkOption#NOFOLLOW_LINKS}. A link in
 * place of a file, or of a folder inside the run folder, is refused with its path.
 */
final class RunFileWriter {
    private static final String REMOVE_LINK = "A run folder holds only plain files; remove the link and try again.";

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private RunFileWriter() {
    }

    /**
     * Writes {@code file} inside the run folder {@code runDir} in one rename, so a reader sees the old
     * content or the new, never half of it.
     *
     * @throws RunFolderException when the file, or a folder between it and {@code runDir}, is a link
     */
    static void write(Path runDir, Path file, Body body) throws IOException {
        refuseLinks(runDir, file);
        Path temp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                body.writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Writes {@code bytes} as {@link #write(Path, Path, Body)} does. */
    static void write(Path runDir, Path file, byte[] bytes) throws IOException {
        write(runDir, file, out -> out.write(bytes));
    }

    /** The logs this program appends to right now, by their lock files: asked before any lock file is opened. */
    private static final java.util.Set<Path> WRITING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Opens {@code file} inside {@code runDir} for appending lines, creating it if needed, and holds a
     * lock until the stream is closed, so two processes (or two runs in one) never append to the same
     * run at once. The lock is on {@code <file>.lock}, which nothing else opens: a POSIX lock belongs
     * to the process and ends when any of its descriptors of that file is closed, so a lock on the log
     * itself ended whenever this program read the log (the Runs tab refreshing during a run). A last
     * line without its newline (a process killed while writing it) is first cut off and kept in
     * {@code <file>.torn}, so what is appended next starts a line of its own.
     *
     * @throws RunFolderException when the file is a link, or another run holds it
     */
    static OutputStream openLines(Path runDir, Path file) throws IOException {
        refuseLinks(runDir, file);
        Path lockFile = lockFileOf(file);
        refuseLinks(runDir, lockFile);
        Path key = lockFile.toAbsolutePath().normalize();
        synchronized (WRITING) {
            if (WRITING.contains(key)) {
                throw busy(runDir, file);
            }
            FileChannel lockChannel = open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileChannel channel = null;
            try {
                FileLock lock = lockChannel.tryLock();
                if (lock == null) {
                    throw busy(runDir, file);
                }
                channel = open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                // only under the lock: a line another writer is in the middle of is not torn
                cutTornLine(runDir, file, channel);
                channel.position(channel.size());
                WRITING.add(key);
                FileChannel log = channel;
                return new java.io.FilterOutputStream(Channels.newOutputStream(log)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            synchronized (WRITING) {
                                WRITING.remove(key);
                                lockChannel.close();
                            }
                        }
                    }
                };
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    channel.close();
                }
                lockChannel.close();
                throw e;
            }
        }
    }

    private static Path lockFileOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    private static FileChannel open(Path file, StandardOpenOption... options) throws IOException {
        java.util.Set<java.nio.file.OpenOption> set = new java.util.HashSet<>(java.util.List.of(options));
        set.add(LinkOption.NOFOLLOW_LINKS);
        try {
            return FileChannel.open(file, set);
        } catch (FileSystemException e) {
            throw linkOr(file, e);
        }
    }

    private static RunFolderException busy(Path runDir, Path file) {
        return new RunFolderException(runDir + " is being trained right now: another run holds its "
                + file.getFileName() + ".", "Wait for that run to end, or stop it, then resume.");
    }

    /** Who holds the append lock on a run's log. */
    enum Writer {
        /** Nobody: no run is appending to it. */
        NONE,
        /** A run of this program. */
        THIS_PROGRAM,
        /** Another process. */
        ANOTHER_PROCESS
    }

    /**
     * Returns who holds the append lock on {@code file} (see {@link #openLines}): this program when it
     * is writing it (asked without opening anything, which would end the lock), else a shared lock
     * tried on the lock file, opened only for reading, so nothing in the folder changes.
     */
    static Writer writerOf(Path file) throws IOException {
        Path lockFile = lockFileOf(file);
        synchronized (WRITING) {
            if (WRITING.contains(lockFile.toAbsolutePath().normalize())) {
                return Writer.THIS_PROGRAM;
            }
            if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
                return Writer.NONE;
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
                if (probe == null) {
                    return Writer.ANOTHER_PROCESS;
                }
                probe.release();
                return Writer.NONE;
            } catch (OverlappingFileLockException inThisProgram) {
                return Writer.THIS_PROGRAM;
            }
        }
    }

    private static void cutTornLine(Path runDir, Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        long end = lineEnd(channel, size);
        if (end == size) {
            return;
        }
        ByteBuffer torn = ByteBuffer.allocate((int) Math.min(size - end, 1 << 20));
        channel.read(torn, end);
        Path side = file.resolveSibling(file.getFileName() + ".torn");
        refuseLinks(runDir, side);
        try (FileChannel out = FileChannel.open(side, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
            torn.flip();
            out.write(torn);
            out.write(ByteBuffer.wrap(new byte[] {'\n'}));
        } catch (FileSystemException e) {
            throw linkOr(side, e);
        }
        channel.truncate(end);
    }

    /** Returns the position just after the last newline, or 0 when there is none. */
    private static long lineEnd(FileChannel channel, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long pos = size;
        while (pos > 0) {
            long from = Math.max(0, pos - chunk.capacity());
            int wanted = (int) (pos - from);
            chunk.clear().limit(wanted);
            int read = 0;
            while (read < wanted) {
                int n = channel.read(chunk, from + read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            for (int i = read - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            pos = from;
        }
        return 0;
    }

    /**
     * Refuses a path inside the run folder that is a symbolic link: the file itself or any folder
     * between it and {@code runDir} (the run folder itself may be reached through a link).
     */
    static void refuseLinks(Path runDir, Path file) throws RunFolderException {
        Path root = runDir.toAbsolutePath().normalize();
        for (Path p = file.toAbsolutePath().normalize(); p != null && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                String what = p.equals(file.toAbsolutePath().normalize()) ? "it is a symbolic link"
                        : p + " is a symbolic link";
                throw new RunFolderException("Refused to write " + file + ": " + what + ".", REMOVE_LINK);
            }
        }
    }

    private static IOException linkOr(Path file, FileSystemException e) {
        if (Files.isSymbolicLink(file)) {
            return new RunFolderException("Refused to write " + file + ": it is a symbolic link.", REMOVE_LINK, e);
        }
        return e;
    }

    /** Returns what went wrong in an I/O error as a person reads it, naming the path where known. */
    static String reason(IOException e) {
        if (e instanceof RunFolderException) {
            return e.getMessage();
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
