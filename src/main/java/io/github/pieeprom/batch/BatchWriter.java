package io.github.pieeprom.batch;

import io.github.pieeprom.batch.BatchPlan.Build;
import io.github.pieeprom.TempFiles;
import io.github.pieeprom.batch.BatchPlan.Device;
import io.github.pieeprom.image.EepromImage;
import io.github.pieeprom.image.ImageFiles;
import io.github.pieeprom.image.ImagePatch;
import io.github.pieeprom.signing.SigFile;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Writes a {@link BatchPlan}: each distinct image once, as {@code images/SHA256/pieeprom.bin} and its
 * {@code pieeprom.sig}, then {@code manifest.json}; a folder also gets {@code devices/NAME/} with hard links to its
 * device's image. Images are written on {@code jobs} threads, each as its base and a patch of {@code bootconf.txt}'s
 * slot ({@link PatchedImages}): memory holds the bases and at most {@code 2 * jobs} patches (tens to hundreds of
 * KiB), whatever the fleet's size. Everything is written beside the target and renamed into place, so a failure
 * leaves nothing behind.
 * <pre>
 * BatchWriter.write(plan, Path.of("fleet.zip"), Runtime.getRuntime().availableProcessors(), devicesDone -> { });
 * </pre>
 */
public final class BatchWriter {
    static final String IMAGES = "images", DEVICES = "devices", MANIFEST_JSON = "manifest.json",
            PIEEPROM_BIN = "pieeprom.bin", PIEEPROM_SIG = "pieeprom.sig";

    private BatchWriter() {
    }

    /**
     * Writes the plan's devices to {@code out} (a new folder, or an archive named {@code .tar}, {@code .tar.gz},
     * {@code .tar.bz2}, {@code .tar.xz}, {@code .zip}: {@link Output#of}). {@code progress} is told, from the worker
     * threads, how many devices each written image serves.
     */
    public static void write(BatchPlan plan, Path out, int jobs, IntConsumer progress) throws IOException {
        if (jobs < 1) throw new IllegalArgumentException("jobs " + jobs);
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) throw new NoSuchFileException(parent.toString(), null,
                "the folder for " + out + " does not exist");
        Output format = Output.of(out);
        if (format == Output.DIRECTORY && Files.exists(out, LinkOption.NOFOLLOW_LINKS))   // a link too, even dangling
            throw new FileAlreadyExistsException(out.toString(), null, "already exists; a batch writes a new folder");
        if (Files.isDirectory(out)) throw new FileAlreadyExistsException(out.toString(), null,
                ImageFiles.IS_A_FOLDER);
        Path spool = TempFiles.createDirectory(parent, "." + out.getFileName() + ".");   // gone on Ctrl-C too
        try {
            spool(plan, out, format, parent, spool, jobs, progress);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {          // named by the output: the hidden spool's files mean nothing to the user
            String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
            if (reason == null) reason = "cannot be written";
            throw (FileSystemException) new FileSystemException(out.toString(), null, reason).initCause(e);
        } finally {
            TempFiles.delete(spool);
        }
    }

    /** Builds everything in {@code spool}, then moves it (a folder) or its archive into place. */
    private static void spool(BatchPlan plan, Path out, Output format, Path parent, Path spool, int jobs,
            IntConsumer progress) throws IOException {
        Files.createDirectory(spool.resolve(IMAGES));
        Map<Build, String> imageSha256 = buildAll(plan, spool, jobs, progress);
        Files.writeString(spool.resolve(MANIFEST_JSON), ManifestJson.of(plan, imageSha256), StandardCharsets.UTF_8);
        if (format == Output.DIRECTORY) {
            link(plan.devices(), imageSha256, spool);
            readable(spool, "rwxr-xr-x");
            TempFiles.commit(() -> {
                Files.move(spool, out, StandardCopyOption.ATOMIC_MOVE);
                TempFiles.forget(spool);
            });
            return;
        }
        Path archive = TempFiles.createFile(parent, "." + out.getFileName() + ".", ".tmp");
        try {
            Archive.pack(spool, format, plan.ts(), archive);
            ImageFiles.publish(archive, out);       // as an image is written: through a link, into a device or FIFO
        } finally {
            TempFiles.delete(archive);
        }
    }

    /** Writes every build's image on {@code jobs} threads; the SHA-256 of each build's {@code pieeprom.bin}. */
    private static Map<Build, String> buildAll(BatchPlan plan, Path dir, int jobs, IntConsumer progress)
            throws IOException {
        List<Build> builds = plan.builds();
        Map<Build, Integer> devices = new IdentityHashMap<>();           // how many devices each build serves
        for (Device d : plan.devices()) devices.merge(d.build(), 1, Integer::sum);
        Map<EepromImage, PatchedImages> bases = new IdentityHashMap<>();
        for (Build b : builds) if (!bases.containsKey(b.base())) bases.put(b.base(), new PatchedImages(b.base()));
        Semaphore inFlight = new Semaphore(2 * jobs);
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<String>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < builds.size() && !failed.get(); i++) {
                inFlight.acquire();
                Build build = builds.get(i);
                futures.add(pool.submit(() -> {
                    try {
                        String sha256 = writeImage(build, bases.get(build.base()), plan.ts(), dir);
                        progress.accept(devices.get(build));
                        return sha256;
                    } catch (IOException | RuntimeException e) {
                        failed.set(true);
                        throw e;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            Map<Build, String> sha256 = new IdentityHashMap<>();
            for (int i = 0; i < futures.size(); i++) sha256.put(builds.get(i), futures.get(i).get());
            return sha256;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing images");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes one image, as {@code eeprom apply --config} would make it, under its SHA-256. */
    private static String writeImage(Build build, PatchedImages base, long ts, Path dir) throws IOException {
        ImagePatch patch = build.base().patchFile(EepromImage.BOOTCONF_TXT, build.config().toBytes());
        SigFile sig = new SigFile(base.sha256(patch), ts, Optional.of(build.base().soc()), Optional.empty());
        Path folder = Files.createDirectory(dir.resolve(IMAGES).resolve(sig.sha256()));
        base.create(folder.resolve(PIEEPROM_BIN), patch);
        Files.write(folder.resolve(PIEEPROM_SIG), sig.toByteArray());
        return sig.sha256();
    }

    private static void link(List<Device> devices, Map<Build, String> imageSha256, Path dir) throws IOException {
        Path parent = Files.createDirectory(dir.resolve(DEVICES));
        for (Device d : devices) {
            Path image = dir.resolve(IMAGES).resolve(imageSha256.get(d.build()));
            Path folder = Files.createDirectory(parent.resolve(d.name()));
            Files.createLink(folder.resolve(PIEEPROM_BIN), image.resolve(PIEEPROM_BIN));
            Files.createLink(folder.resolve(PIEEPROM_SIG), image.resolve(PIEEPROM_SIG));
        }
    }

    /** Temporary files and folders are private to the user; what is published is readable like any new file. */
    private static void readable(Path path, String permissions) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix != null) posix.setPermissions(PosixFilePermissions.fromString(permissions));
    }
}
