package org.layercanvas.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.layercanvas.data.DataException;
import org.layercanvas.data.ImageFolderSource;
import org.layercanvas.data.Normalization;
import org.layercanvas.data.TextReader;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunFolderException;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.export.DjlExporter;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Output;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.DesignFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs an exported model on CSV rows or image files and prints its predictions. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run an exported model (export --format djl) on a CSV file or image files.")
public final class PredictCommand implements Callable<Integer> {
    private static final int TOP = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A folder written by export --format djl.")
    private Path modelDir;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT",
            description = "A CSV file with the training columns, or image files.")
    private List<Path> inputs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            JsonNode meta = metadata();
            Design design = design(meta);
            for (Path input : inputs) {
                checkInput(input);
            }
            Batch batch = read(meta);
            normalization(meta.path("data").path("normalization")).apply(batch.features, batch.sampleSize);
            List<String> classes = new ArrayList<>();
            meta.path("data").path("classNames").forEach(c -> classes.add(c.asText()));
            try (TrainedModel model = TrainedModel.loadDjlModel(design.graph(), modelDir, DjlExporter.MODEL_NAME)) {
                float[] outputs = model.predict(batch.features, batch.names.size());
                int width = outputs.length / batch.names.size();
                for (int i = 0; i < batch.names.size(); i++) {
                    float[] row = java.util.Arrays.copyOfRange(outputs, i * width, (i + 1) * width);
                    out.println(batch.names.get(i) + ": " + describe(row, meta.path("loss").asText(), classes));
                }
            }
            out.flush();
            return 0;
        } catch (DesignFormatException | DataException e) {
            spec.commandLine().getErr().println("cannot predict: " + e.getMessage());
        } catch (RunFolderException e) {
            spec.commandLine().getErr().println("cannot predict with " + modelDir + ": " + e.fullMessage());
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot predict with " + modelDir + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return 1;
    }

    /** Reads the model folder's metadata, saying what is wrong with the folder when it cannot. */
    private JsonNode metadata() throws IOException {
        String again = "Export the run again with export --format djl.";
        if (!Files.isDirectory(modelDir)) {
            throw new RunFolderException(modelDir + " is not a model folder: " + (Files.exists(modelDir)
                    ? "it is a file" : "there is no such folder") + ".", "Give a folder written by export --format djl.");
        }
        Path file = modelDir.resolve(DjlExporter.METADATA);
        if (!Files.isRegularFile(file)) {
            throw new RunFolderException(modelDir + " has no " + DjlExporter.METADATA + ", so it is not a model folder"
                    + " written by export --format djl.", again);
        }
        try {
            JsonNode meta = new ObjectMapper().readTree(file.toFile());
            if (meta == null || !meta.isObject()) {
                throw new RunFolderException(file + " does not hold a JSON object: the file is damaged.", again);
            }
            return meta;
        } catch (JsonProcessingException e) {
            throw new RunFolderException(file + " is not valid JSON (" + e.getOriginalMessage() + "): the file is"
                    + " damaged.", again, e);
        }
    }

    /** Reads the model's design, refusing one changed since the export (its digest is in the metadata). */
    private Design design(JsonNode meta) throws IOException {
        Path file = modelDir.resolve(DjlExporter.DESIGN);
        byte[] bytes = DesignCodec.readBytes(file);
        String digest = meta.path("designSha256").asText("");
        if (!digest.isEmpty() && !digest.equals(RunFolder.sha256(bytes))) {
            throw new RunFolderException(file + " was changed after the export: it no longer matches the digest in "
                    + DjlExporter.METADATA + ", so the weights belong to another network.",
                    "Put that design.json back, or export the run again.");
        }
        return new DesignCodec().parse(bytes, file.toString());
    }

    private static void checkInput(Path input) throws DataException {
        if (!Files.exists(input)) {
            throw new DataException("the input " + input + " does not exist (" + input.toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(input)) {
            throw new DataException("the input " + input + " is " + (Files.isDirectory(input) ? "a folder" : "not a"
                    + " plain file") + "; give a CSV file or image files");
        }
    }

    private record Batch(List<String> names, float[] features, int sampleSize) {
    }

    private Batch read(JsonNode meta) throws IOException, DataException {
        List<Integer> shape = new ArrayList<>();
        meta.path("inputShape").forEach(d -> shape.add(d.asInt()));
        int size = shape.stream().reduce(1, (a, b) -> a * b);
        boolean csv = inputs.size() == 1 && inputs.get(0).toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        if (csv) {
            return csv(inputs.get(0), meta.path("data").path("dataset"), size);
        }
        if (shape.size() != 3) {
            throw new DataException("this model takes " + shape + " inputs, not images; give it a CSV file");
        }
        float[] features = new float[inputs.size() * size];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            float[] px = ImageFolderSource.pixels(inputs.get(i), inputs.get(i).toString(), shape.get(0), shape.get(1),
                    shape.get(2));
            System.arraycopy(px, 0, features, i * size, size);
            names.add(inputs.get(i).getFileName().toString());
        }
        return new Batch(names, features, size);
    }

    /** Reads the feature columns the model was trained on; a label column, if present, is ignored. */
    private static Batch csv(Path file, JsonNode dataset, int size) throws DataException {
        String label = dataset.path("label").asText("");
        List<String> wanted = new ArrayList<>();
        dataset.path("features").forEach(f -> wanted.add(f.asText()));
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = TextReader.open(file, file.toString()); CSVParser parser = format.parse(reader)) {
            return csvRows(file, parser, label, wanted, size);
        } catch (java.io.UncheckedIOException | IOException e) {
            throw TextReader.problem(file.toString(), e);
        }
    }

    private static Batch csvRows(Path file, CSVParser parser, String label, List<String> wanted, int size)
            throws DataException {
        List<String> columns = wanted.isEmpty()
                ? parser.getHeaderNames().stream().filter(c -> !c.equals(label)).toList() : wanted;
        if (columns.size() != size) {
            throw new DataException(file + ": the model takes " + size + " features but the file has "
                    + columns.size() + " (" + String.join(", ", columns) + ")");
        }
        List<String> names = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (CSVRecord record : parser) {
            float[] row = new float[size];
            for (int c = 0; c < size; c++) {
                String cell = record.isMapped(columns.get(c)) ? record.get(columns.get(c)) : null;
                if (cell == null) {
                    throw new DataException(file + ": no column \"" + columns.get(c) + "\"; the model needs "
                            + String.join(", ", columns));
                }
                try {
                    row[c] = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new DataException(file + " line " + parser.getCurrentLineNumber() + ", column "
                            + columns.get(c) + ": \"" + cell + "\" is not a number");
                }
            }
            rows.add(row);
            names.add("row " + (rows.size()));
        }
        if (rows.isEmpty()) {
            throw new DataException(file + " has no data rows");
        }
        float[] features = new float[rows.size() * size];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, features, i * size, size);
        }
        return new Batch(names, features, size);
    }

    private static Normalization normalization(JsonNode n) {
        if (n.isMissingNode()) {
            return Normalization.NONE;
        }
        return new Normalization((float) n.path("scale").asDouble(1), floats(n.path("mean")), floats(n.path("std")));
    }

    private static float[] floats(JsonNode array) {
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) array.get(i).asDouble();
        }
        return f;
    }

    /**
     * Returns the top classes with probabilities, or the predicted values for regression; per
     * position, the share of positions given each class, or the range of the predicted values.
     */
    static String describe(float[] logits, String loss, List<String> classes) {
        if (loss.equals(Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION) && !classes.isEmpty()) {
            return positionClasses(logits, classes);
        }
        if (loss.equals(Output.MSE_PER_POSITION)) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (float v : logits) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                sum += v;
            }
            return String.format(Locale.ROOT, "%,d values from %.4g to %.4g, mean %.4g", logits.length, lo, hi,
                    sum / Math.max(1, logits.length));
        }
        if (loss.equals("mse")) {
            List<String> values = new ArrayList<>();
            for (float v : logits) {
                values.add(String.format(Locale.ROOT, "%.4g", v));
            }
            return String.join(", ", values);
        }
        double[] p = new double[logits.length];
        if (loss.equals("binary_cross_entropy")) {
            double yes = 1 / (1 + Math.exp(-logits[0]));
            String name = classes.size() == 2 ? classes.get(yes >= 0.5 ? 1 : 0) : yes >= 0.5 ? "yes" : "no";
            return String.format(Locale.ROOT, "%s (%.1f%%)", name, 100 * Math.max(yes, 1 - yes));
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(p[b], p[a]));
        List<String> top = new ArrayList<>();
        for (int k = 0; k < Math.min(TOP, order.size()); k++) {
            int c = order.get(k);
            String name = c < classes.size() ? classes.get(c) : "class " + c;
            top.add(String.format(Locale.ROOT, "%s %.1f%%", name, 100 * p[c] / sum));
        }
        return String.join(", ", top);
    }

    /** Returns the share of positions given each class, most first: {@code background 71.2%, square 12.0%}. */
    private static String positionClasses(float[] logits, List<String> classes) {
        int k = classes.size();
        int positions = logits.length / k;
        int[] counts = new int[k];
        for (int p = 0; p < positions; p++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (logits[c * positions + p] > logits[best * positions + p]) {
                    best = c;
                }
            }
            counts[best]++;
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            order.add(c);
        }
        order.sort((a, b) -> Integer.compare(counts[b], counts[a]));
        List<String> shares = new ArrayList<>();
        for (int c : order) {
            if (counts[c] > 0) {
                shares.add(String.format(Locale.ROOT, "%s %.1f%%", classes.get(c), 100.0 * counts[c] / positions));
            }
        }
        return String.format(Locale.ROOT, "%,d positions: ", positions) + String.join(", ", shares);
    }
}
