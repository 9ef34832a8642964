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
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.layercanvas.data.DataSplits;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

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
    /** The weights a run started from another run's begins with, when it is one. */
    public static final String INITIAL = "initial.params";
    /** The folder of checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";
    /** The run's own record: its format and the digest of the design snapshot it trained. */
    public static final String RUN = "run.json";
    /** The longest part of a run folder's name taken from the design's name. */
    static final int NAME_LIMIT = 64;
    private static final int MAX_LINE = 1 << 20;
    private static final String DAMAGED_LOG = "the log is damaged";

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
        return create(root, designName, designJson, settings, data, Map.of(), now);
    }

    /**
     * Creates a new run folder as {@link #create(Path, String, byte[], TrainingSettings, Map, LocalDateTime)}
     * does, recording more of the run in {@value #RUN}.
     *
     * @param record what else {@value #RUN} says of the run, e.g. {@code initializedFrom} for a run
     *     started from another run's weights
     */
    static RunFolder create(Path root, String designName, byte[] designJson, TrainingSettings settings,
            Map<String, Object> data, Map<String, Object> record, LocalDateTime now) throws IOException {
        String base = STAMP.format(now) + "-" + safe(designName);
        prepareRoot(root);
        Path dir = root.resolve(base);
        // creating the folder is what claims its name, so two runs started in the same second (two
        // threads, or the window and a command line) never share one
        for (int i = 2; !claim(root, dir); i++) {
            dir = root.resolve(base + "-" + i);
        }
        Files.createDirectory(dir.resolve(CHECKPOINTS));
        RunFileWriter.write(dir, dir.resolve(DESIGN), designJson);
        RunFileWriter.write(dir, dir.resolve(SETTINGS), JSON.writeValueAsBytes(settings.toMap()));
        RunFileWriter.write(dir, dir.resolve(DATA), JSON.writeValueAsBytes(data));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("format", "layercanvas-run");
        run.put("version", 1);
        run.put("designSha256", sha256(designJson));
        run.putAll(record);
        RunFileWriter.write(dir, dir.resolve(RUN), JSON.writeValueAsBytes(run));
        return new RunFolder(dir);
    }

    /** Makes sure runs can go in {@code root}, saying what is in the way when they cannot. */
    private static void prepareRoot(Path root) throws RunFolderException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new RunFolderException("Cannot keep runs in " + root + ": it is a file, not a folder.",
                    "Choose a folder for runs.");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new RunFolderException("Cannot create the folder for runs " + root + ": "
                    + RunFileWriter.reason(e) + ".", "Choose a folder for runs that can be written.", e);
        }
        if (!Files.isWritable(root)) {
            throw new RunFolderException("Cannot keep runs in " + root + ": the folder cannot be written.",
                    "Choose a folder for runs that can be written.");
        }
    }

    /** Creates {@code dir}; returns false when it exists already. */
    private static boolean claim(Path root, Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (IOException e) {
            throw new RunFolderException("Cannot create a run folder in " + root + ": " + RunFileWriter.reason(e)
                    + ".", "Choose a folder for runs that can be written.", e);
        }
    }

    /** Returns the SHA-256 digest of some bytes in hexadecimal, as {@value #RUN} records a design's. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
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
        if (!Files.isDirectory(dir)) {
            throw new RunFolderException(dir + " is not a run folder: " + (Files.exists(dir) ? "it is a file"
                    : "there is no such folder") + ".", "Give a folder the runs command lists.");
        }
        if (!isRunFolder(dir)) {
            throw new RunFolderException(dir + " is not a run folder: it has no " + DESIGN + " and " + SETTINGS + ".",
                    "Give a folder the runs command lists.");
        }
        return new RunFolder(dir);
    }

    /** Returns whether {@code dir} is a run folder: it holds a design snapshot and settings. */
    public static boolean isRunFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(DESIGN)) && Files.isRegularFile(dir.resolve(SETTINGS));
    }

    /**
     * Returns the run folders under {@code root}, oldest first; none if it does not exist.
     *
     * @throws IOException when {@code root} is a file or cannot be listed
     */
    public static List<RunFolder> list(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        if (!Files.isDirectory(root)) {
            throw new RunFolderException(root + " is a file, not a folder of runs.", "Give the folder runs go to.");
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(RunFolder::isRunFolder).sorted().map(RunFolder::new).toList();
        } catch (IOException e) {
            throw new RunFolderException("Cannot list the runs in " + root + ": " + RunFileWriter.reason(e) + ".", "",
                    e);
        }
    }

    /** Returns the part of a run folder's name that names its design: safe in any file system, and short. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        if (s.length() > NAME_LIMIT) {
            s = s.substring(0, NAME_LIMIT);
        }
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "design" : s;
    }

    /** Returns the folder. */
    public Path dir() {
        return dir;
    }

    /** Returns the settings the run was started with. */
    public TrainingSettings settings() throws IOException {
        try {
            return TrainingSettings.fromMap(readJson(dir.resolve(SETTINGS)));
        } catch (SettingsException e) {
            throw new RunFolderException(dir.resolve(SETTINGS) + ": " + e.getMessage(), "", e);
        }
    }

    /** Returns the design snapshot's bytes. */
    public byte[] designJson() throws IOException {
        return DesignCodec.readBytes(dir.resolve(DESIGN));
    }

    /**
     * Returns the design the run trained, read from its snapshot.
     *
     * @throws RunFolderException when the snapshot was changed after training (its digest, kept in
     *     {@value #RUN}, no longer matches): its weights would be read into another network
     * @throws IOException when it cannot be read
     */
    public Design design() throws IOException {
        byte[] bytes = designJson();
        Optional<String> expected = designDigest();
        if (expected.isPresent() && !expected.get().equals(sha256(bytes))) {
            throw new RunFolderException(dir.resolve(DESIGN) + " was changed after the run trained it: it no longer"
                    + " matches the digest in " + RUN + ".", "The run's weights belong to the design as trained:"
                    + " put that design.json back, or train the changed design as a new run.");
        }
        return new DesignCodec().parse(bytes, dir.resolve(DESIGN).toString());
    }

    /** Returns the digest of the design snapshot as the run recorded it; empty for runs of versions before it. */
    public Optional<String> designDigest() throws IOException {
        Path file = dir.resolve(RUN);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Object digest = readJson(file).get("designSha256");
        if (!(digest instanceof String text)) {
            throw new RunFolderException(file + " has no designSha256: the file is damaged.", "");
        }
        return Optional.of(text);
    }

    /** Returns the contents of {@code data.json}. */
    public Map<String, Object> data() throws IOException {
        Path file = dir.resolve(DATA);
        return Files.isRegularFile(file) ? readJson(file) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(Path file) throws IOException {
        try {
            Object value = LINES.readValue(file.toFile(), Object.class);
            if (!(value instanceof Map)) {
                throw new RunFolderException(file + " does not hold a JSON object: the file is damaged.", "");
            }
            return (Map<String, Object>) value;
        } catch (JsonProcessingException e) {
            throw new RunFolderException(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "): the file is damaged.", "", e);
        }
    }

    /** Returns the path of the checkpoint after {@code epoch}. */
    public Path checkpoint(int epoch) {
        return dir.resolve(CHECKPOINTS).resolve(String.format("epoch-%04d.params", epoch));
    }

    /** Returns the path of the checkpoint a stop writes. */
    public Path stopCheckpoint() {
        return dir.resolve(CHECKPOINTS).resolve("stopped.params");
    }

    /** Returns the path of the weights a run started from another run's begins with. */
    public Path initial() {
        return dir.resolve(INITIAL);
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

    /**
     * Returns a writer that appends events to {@code metrics.jsonl}, flushing each line. A last line a
     * killed process left without its end is first moved to {@code metrics.jsonl.torn}, so every line
     * of the log stays one event.
     *
     * @throws RunFolderException when the log is a symbolic link
     */
    public EventLog openLog() throws IOException {
        OutputStream out = RunFileWriter.openLines(dir, dir.resolve(METRICS));
        return new EventLog(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }

    /**
     * Where a run continues.
     *
     * @param firstEpoch the epoch to go on in, from 1
     * @param weights the checkpoint to start from
     * @param carried whether the checkpoint holds the optimizer's state and the run's place, so the
     *     run goes on as if never stopped; checkpoints of versions before hold weights alone, and the
     *     optimizer starts afresh (a stopped epoch is then trained again from its start)
     * @param position where training goes on, as a person reads it: {@code epoch 4}, {@code epoch 3, batch 8}
     */
    public record Resumption(int firstEpoch, Path weights, boolean carried, String position) {
        /** A resumption from weights alone, at the start of {@code firstEpoch}. */
        public Resumption(int firstEpoch, Path weights) {
            this(firstEpoch, weights, false, "epoch " + firstEpoch);
        }
    }

    /**
     * Finds the newest weights of this run: of the checkpoint a stop wrote and the last epoch
     * checkpoint, the one further on. A checkpoint with the run's place says how far on it is; for
     * checkpoints of versions before, the log says whether the stop came after the last epoch
     * checkpoint (the stopped epoch is then trained again from the stop's weights).
     *
     * @return empty when the run saved no weights to resume from
     * @throws RunFolderException when a checkpoint's header is damaged
     */
    public Optional<Resumption> resumption() throws IOException {
        int lastEpoch = lastCheckpointEpoch().orElse(0);
        Path stop = stopCheckpoint();
        boolean stopped = Files.isRegularFile(stop);
        Optional<TrainingState> atStop = stopped ? WeightsFile.peek(stop) : Optional.empty();
        Optional<TrainingState> atEpoch = lastEpoch == 0 ? Optional.empty() : WeightsFile.peek(checkpoint(lastEpoch));
        if (atStop.isPresent() && (lastEpoch == 0 || atEpoch.isPresent())) {
            if (atEpoch.isEmpty() || atStop.get().step() > atEpoch.get().step()) {
                return Optional.of(carried(stop, atStop.get()));
            }
            return Optional.of(carried(checkpoint(lastEpoch), atEpoch.get()));
        }
        int stoppedIn = 0;
        if (stopped) {
            for (TrainingEvent event : trainingEvents()) {
                if (event instanceof TrainingEvent.Stopped s) {
                    stoppedIn = s.epoch();
                } else if (event instanceof TrainingEvent.CheckpointSaved) {
                    stoppedIn = 0;
                }
            }
        }
        if (stoppedIn > lastEpoch) {
            return Optional.of(atStop.map(s -> carried(stop, s)).orElse(new Resumption(stoppedIn, stop)));
        }
        if (lastEpoch == 0) {
            return Optional.empty();
        }
        return Optional.of(atEpoch.map(s -> carried(checkpoint(lastEpoch), s))
                .orElse(new Resumption(lastEpoch + 1, checkpoint(lastEpoch))));
    }

    private static Resumption carried(Path weights, TrainingState state) {
        return new Resumption(state.epoch(), weights, true, state.position());
    }

    /**
     * Returns the run's events from {@code metrics.jsonl}, in the order written. A last line torn by a
     * killed process is left out, and so is a torn event an older version glued the next one to;
     * events of types this version does not know (a later version's) are skipped, and fields it does
     * not know are ignored.
     *
     * @throws RunFolderException when the log is damaged: a line that is not UTF-8 text, not JSON, or
     *     longer than any event, or a whole line that is not an event; the message names the line
     * @throws IOException when the file cannot be read
     */
    public List<TrainingEvent> trainingEvents() throws IOException {
        Path file = dir.resolve(METRICS);
        List<TrainingEvent> events = new ArrayList<>();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return events;
        }
        if (!Files.isRegularFile(file)) {
            throw new RunFolderException(file + " is not a plain file, so the run's events cannot be read.", "");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        byte[] chunk = new byte[1 << 16];
        byte[] line = new byte[1024];
        int length = 0;
        int number = 1;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        readLine(file, utf8, line, length, number++, false, events);
                        length = 0;
                        continue;
                    }
                    if (length == MAX_LINE) {
                        throw new RunFolderException(file + " line " + number + " is longer than any event ("
                                + MAX_LINE / (1 << 20) + " MB): " + DAMAGED_LOG + ".", "");
                    }
                    if (length == line.length) {
                        line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                    }
                    line[length++] = chunk[i];
                }
            }
        } catch (RunFolderException e) {
            throw e;
        } catch (IOException e) {
            throw new RunFolderException("Cannot read " + file + ": " + RunFileWriter.reason(e) + ".", "", e);
        }
        if (length > 0) {
            readLine(file, utf8, line, length, number, true, events);
        }
        return events;
    }

    private static void readLine(Path file, CharsetDecoder utf8, byte[] bytes, int length, int number, boolean last,
            List<TrainingEvent> events) throws RunFolderException {
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            if (last) {
                // a killed process can cut a line inside a character
                return;
            }
            throw new RunFolderException(file + " line " + number + " is not UTF-8 text: " + DAMAGED_LOG + ".", "", e);
        }
        if (text.isBlank()) {
            return;
        }
        JsonNode node;
        try {
            node = LINES.readTree(text);
        } catch (JsonProcessingException e) {
            if (text.startsWith("{")) {
                // an event cut off by a killed process: the last line, or one an older version's resume
                // appended the next event to
                return;
            }
            throw new RunFolderException(file + " line " + number + " is not JSON: " + DAMAGED_LOG + ".", "", e);
        }
        try {
            events.add(EVENTS.readValue(node));
        } catch (InvalidTypeIdException laterVersion) {
            // an event type this version does not know: skipped, as its readers would skip it
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new RunFolderException(file + ":" + number + ": not a training event: " + why, "", e);
        }
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
