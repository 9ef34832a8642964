package org.layercanvas.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.layercanvas.data.DataSplits;

/**
 * One training run on disk: {@code runs/<yyyyMMdd-HHmmss>-<design>/} with the design snapshot
 * ({@code design.json}), {@code settings.json}, {@code data.json} (what was trained on and how it
 * was normalized), {@code metrics.jsonl} (one event per line, flushed as written, so it survives a
 * killed process), {@code checkpoints/} and the final weights ({@code model.params}).
 */
public final class RunFolder {
    /** The design snapshot's file name. */
    public static final String DESIGN = "design.json";
    /** The settings' file name. */
    public static final String SETTINGS = "settings.json";
    /** The dataset description's file name. */
    public static final String DATA = "data.json";
    /** The event log's file name. */
    public static final String METRICS = "metrics.jsonl";
    /** The final weights' file name. */
    public static final String MODEL = "model.params";
    /** The folder of checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINES = new ObjectMapper();
    private static final ObjectWriter EVENT_WRITER = LINES.writerFor(TrainingEvent.class);
    private static final ObjectReader EVENTS = LINES.readerFor(TrainingEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern EPOCH_CHECKPOINT = Pattern.compile("epoch-(\\d+)\\.params");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates a new run folder under {@code root} and writes the design snapshot and the settings.
     *
     * @param designJson the design file's bytes, exactly as trained
     * @param data what the run trains on, as {@code data.json} holds it
     */
    public static RunFolder create(Path root, String designName, byte[] designJson, TrainingSettings settings,
            Map<String, Object> data, LocalDateTime now) throws IOException {
        String base = STAMP.format(now) + "-" + safe(designName);
        Files.createDirectories(root);
        Path dir = root.resolve(base);
        // creating the folder is what claims its name, so two runs started in the same second (two
        // threads, or the window and a command line) never share one
        for (int i = 2; !claim(dir); i++) {
            dir = root.resolve(base + "-" + i);
        }
        Files.createDirectories(dir.resolve(CHECKPOINTS));
        Files.write(dir.resolve(DESIGN), designJson);
        JSON.writeValue(dir.resolve(SETTINGS).toFile(), settings.toMap());
        JSON.writeValue(dir.resolve(DATA).toFile(), data);
        return new RunFolder(dir);
    }

    /** Creates {@code dir}; returns false when it exists already. */
    private static boolean claim(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
    }

    /**
     * Returns what {@code data.json} says of a run's data: description, the dataset section and
     * the folder its paths are relative to, sample shape, targets, class names, split sizes and the
     * normalization that predictions must repeat.
     */
    public static Map<String, Object> describeData(DataSplits splits, Map<String, Object> section, Path baseDir) {
        org.layercanvas.data.Examples train = splits.train();
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("description", splits.description());
        m.put("dataset", section);
        m.put("baseDir", baseDir.toString());
        m.put("sampleShape", train.sampleShape());
        m.put("targets", train.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("targetWidth", train.targetWidth());
        m.put("classNames", train.classNames());
        m.put("trainSize", train.size());
        m.put("validationSize", splits.validation().size());
        m.put("testSize", splits.test() == null ? 0 : splits.test().size());
        Map<String, Object> norm = new java.util.LinkedHashMap<>();
        norm.put("scale", splits.normalization().scale());
        norm.put("mean", splits.normalization().mean());
        norm.put("std", splits.normalization().std());
        m.put("normalization", norm);
        return m;
    }

    /**
     * Opens an existing run folder.
     *
     * @throws IOException when it is not a run folder
     */
    public static RunFolder open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(DESIGN)) || !Files.isRegularFile(dir.resolve(SETTINGS))) {
            throw new IOException(dir + " is not a run folder: it has no " + DESIGN + " and " + SETTINGS);
        }
        return new RunFolder(dir);
    }

    /** Returns the run folders under {@code root}, oldest first; none if it does not exist. */
    public static List<RunFolder> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(DESIGN)) && Files.isRegularFile(d.resolve(SETTINGS)))
                    .sorted().map(RunFolder::new).toList();
        }
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return s.isEmpty() ? "design" : s;
    }

    /** Returns the folder. */
    public Path dir() {
        return dir;
    }

    /** Returns the settings the run was started with. */
    public TrainingSettings settings() throws IOException {
        try {
            return TrainingSettings.fromMap(LINES.readValue(dir.resolve(SETTINGS).toFile(), Map.class));
        } catch (SettingsException e) {
            throw new IOException(dir.resolve(SETTINGS) + ": " + e.getMessage(), e);
        }
    }

    /** Returns the design snapshot's bytes. */
    public byte[] designJson() throws IOException {
        return Files.readAllBytes(dir.resolve(DESIGN));
    }

    /** Returns the contents of {@code data.json}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> data() throws IOException {
        Path file = dir.resolve(DATA);
        return Files.isRegularFile(file) ? LINES.readValue(file.toFile(), Map.class) : Map.of();
    }

    /** Returns the path of the checkpoint after {@code epoch}. */
    public Path checkpoint(int epoch) {
        return dir.resolve(CHECKPOINTS).resolve(String.format("epoch-%04d.params", epoch));
    }

    /** Returns the path of the checkpoint a stop writes. */
    public Path stopCheckpoint() {
        return dir.resolve(CHECKPOINTS).resolve("stopped.params");
    }

    /** Returns the path of the final weights. */
    public Path model() {
        return dir.resolve(MODEL);
    }

    /** Returns the highest epoch with a checkpoint, if any. */
    public Optional<Integer> lastCheckpointEpoch() throws IOException {
        Path cps = dir.resolve(CHECKPOINTS);
        if (!Files.isDirectory(cps)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(cps)) {
            return files.map(f -> EPOCH_CHECKPOINT.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).max(Integer::compare);
        }
    }

    /** Returns a writer that appends events to {@code metrics.jsonl}, flushing each line. */
    public EventLog openLog() throws IOException {
        return new EventLog(Files.newBufferedWriter(dir.resolve(METRICS), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    /** Where a run continues: the epoch to start at and the weights to start from. */
    public record Resumption(int firstEpoch, Path weights) {
    }

    /**
     * Finds the newest weights of this run: the checkpoint a stop wrote (the stopped epoch is trained
     * again from those weights) or else the last epoch checkpoint (training goes on after it).
     *
     * @return empty when the run saved no weights to resume from
     */
    public Optional<Resumption> resumption() throws IOException {
        int lastEpoch = lastCheckpointEpoch().orElse(0);
        int stoppedIn = 0;
        for (TrainingEvent event : trainingEvents()) {
            if (event instanceof TrainingEvent.Stopped stopped) {
                stoppedIn = stopped.epoch();
            } else if (event instanceof TrainingEvent.CheckpointSaved) {
                stoppedIn = 0;
            }
        }
        if (stoppedIn > lastEpoch && Files.isRegularFile(stopCheckpoint())) {
            return Optional.of(new Resumption(stoppedIn, stopCheckpoint()));
        }
        return lastEpoch == 0 ? Optional.empty() : Optional.of(new Resumption(lastEpoch + 1, checkpoint(lastEpoch)));
    }

    /**
     * Returns the run's events from {@code metrics.jsonl}, in the order written. A last line torn by a
     * killed process is left out, and so are events of types this version does not know (a later
     * version's); fields it does not know are ignored.
     *
     * @throws IOException when the file cannot be read, or a whole line is not an event
     */
    public List<TrainingEvent> trainingEvents() throws IOException {
        Path file = dir.resolve(METRICS);
        List<TrainingEvent> events = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return events;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = LINES.readTree(lines.get(i));
            } catch (JsonProcessingException torn) {
                // only the last line can be torn; anything written after it was not flushed
                break;
            }
            try {
                events.add(EVENTS.readValue(node));
            } catch (InvalidTypeIdException laterVersion) {
                // an event type this version does not know: skipped, as its readers would skip it
            } catch (JsonProcessingException e) {
                throw new IOException(file + ":" + (i + 1) + ": not a training event: " + e.getOriginalMessage(), e);
            }
        }
        return events;
    }

    /** Returns the run at a glance. */
    public RunSummary summary() throws IOException {
        return RunSummary.of(trainingEvents());
    }

    /**
     * Returns an event as one line of JSON, as {@code metrics.jsonl} and {@code train --json} hold it:
     * {@code type} first, then the record's components.
     */
    public static String toJson(TrainingEvent event) {
        try {
            return EVENT_WRITER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a training event could not be written as JSON", e);
        }
    }

    /** Appends events to {@code metrics.jsonl}; each line is flushed before the call returns. */
    public static final class EventLog implements AutoCloseable {
        private final BufferedWriter out;

        private EventLog(BufferedWriter out) {
            this.out = out;
        }

        /** Appends one event and flushes it. */
        public void append(TrainingEvent event) throws IOException {
            out.write(toJson(event));
            out.write('\n');
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
