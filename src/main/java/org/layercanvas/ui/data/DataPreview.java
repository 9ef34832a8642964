package org.layercanvas.ui.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.layercanvas.data.CsvPreview;
import org.layercanvas.data.CsvSource;
import org.layercanvas.data.DataException;
import org.layercanvas.data.DataSource;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.data.Examples;
import org.layercanvas.data.IdxCodec;
import org.layercanvas.data.IdxSource;
import org.layercanvas.data.ImageFolderSource;
import org.layercanvas.data.SequenceSource;
import org.layercanvas.data.SyntheticSource;
import org.layercanvas.ui.common.Charts;
import org.layercanvas.ui.common.ReadinessModel;

/**
 * The Data panel's preview of a dataset section: a scatter of a built-in 2-D set coloured by class,
 * the first rows of a CSV file, a grid of sample images with their labels (IDX files or an image
 * folder), or the first token sequences. Reads on its own thread with a progress indicator, so the
 * window never waits; a file that cannot be read shows the loader's message instead.
 */
final class DataPreview extends VBox {
    private static final int PREVIEW_ROWS = 20;
    private static final int SAMPLES = 16;
    private static final int MAX_SCATTER = 3000;
    private final Executor worker;
    private final StackPane previewArea = new StackPane();
    private final ProgressIndicator previewProgress = new ProgressIndicator();
    private final Label previewMessage = new Label();
    private final Label previewTitle = new Label("Preview");
    private Object previewKey;
    private Task<Loaded> preview;

    /** What the preview thread read: the title to show, and how to draw the rest on the FX thread. */
    private record Loaded(String title, Supplier<Node> draw) {
    }

    /** Creates an empty preview that reads on {@code worker}, one preview after another. */
    DataPreview(Executor worker) {
        super(8);
        this.worker = worker;
        previewTitle.setId("data-preview-title");
        previewTitle.getStyleClass().add("settings-section");
        previewArea.setId("data-preview");
        previewArea.setMinHeight(120);
        previewProgress.setMaxSize(36, 36);
        previewProgress.setVisible(false);
        previewMessage.setId("data-preview-message");
        previewMessage.setWrapText(true);
        previewMessage.getStyleClass().add("panel-hint");
        previewArea.getChildren().addAll(previewMessage, previewProgress);
        getChildren().addAll(previewTitle, previewArea);
    }

    /**
     * Shows what {@code section} describes, loading it on the preview thread; nothing happens when
     * it is what is shown already.
     *
     * @param base the folder relative paths are resolved against
     * @param seed the seed generated sets are made with
     */
    void show(Map<String, Object> section, Path base, long seed) {
        List<Object> key = List.of(section, base, seed);
        if (key.equals(previewKey)) {
            return;
        }
        previewKey = key;
        if (preview != null) {
            preview.cancel();
        }
        // nothing of the last source's title stays while this one loads, or when it cannot be read
        previewTitle.setText("Preview");
        if (section.isEmpty()) {
            preview = null;
            previewProgress.setVisible(false);
            showPreview(null, "No dataset yet: pick a sample above, or a kind and its data.", false);
            return;
        }
        Task<Loaded> t = new Task<>() {
            @Override
            protected Loaded call() throws Exception {
                return load(section, base, seed);
            }
        };
        preview = t;
        previewProgress.setVisible(true);
        t.setOnSucceeded(e -> {
            if (preview == t) {
                previewProgress.setVisible(false);
                previewTitle.setText(t.getValue().title());
                showPreview(t.getValue().draw().get(), "", false);
            }
        });
        t.setOnFailed(e -> {
            if (preview == t) {
                previewProgress.setVisible(false);
                Throwable x = t.getException();
                showPreview(null, x instanceof DataException d ? d.unset().map(ReadinessModel::unchosen)
                        .orElse(d.getMessage())
                        : "Cannot preview: " + x, true);
            }
        });
        worker.execute(t);
    }

    private void showPreview(Node node, String text, boolean error) {
        previewArea.getChildren().setAll(previewProgress);
        previewMessage.setText(text);
        previewMessage.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("danger"), error);
        previewMessage.setVisible(node == null);
        if (node != null) {
            previewArea.getChildren().add(0, node);
        } else {
            previewArea.getChildren().add(0, previewMessage);
        }
    }

    /** Runs on the preview thread: reads what the preview shows and returns how to draw it on the FX thread. */
    private Loaded load(Map<String, Object> section, Path base, long seed) throws DataException, IOException {
        DataSource source = DatasetSpec.parse(section, base);
        if (source instanceof SyntheticSource s) {
            Examples all = s.shape().generate(s.size(), s.noise(), s.classes(), new java.util.Random(seed));
            return new Loaded("Preview: " + all.size() + " points, " + all.classCount() + " classes",
                    () -> scatterChart(all));
        }
        if (source instanceof CsvSource s) {
            CsvPreview p = CsvPreview.read(s.file(), PREVIEW_ROWS);
            return new Loaded("Preview: the first " + p.rows().size() + " rows of " + s.describe(),
                    () -> table(p, section.get("label")));
        }
        if (source instanceof IdxSource s) {
            int count = IdxCodec.count(s.images());
            IdxCodec.Images images = IdxCodec.readImages(s.images(), SAMPLES);
            byte[] labels = IdxCodec.readLabels(s.labels(), SAMPLES);
            return new Loaded("Preview: the first " + images.count() + " of " + count + " images",
                    () -> idxGrid(images, labels));
        }
        if (source instanceof ImageFolderSource s) {
            List<Sample> samples = folderSamples(s);
            return new Loaded("Preview: " + samples.size() + " images from " + s.describe(),
                    () -> imageGrid(samples));
        }
        if (source instanceof SequenceSource s) {
            Examples all = s.generate(seed);
            return new Loaded("Preview: the first sequences", () -> sequences(all));
        }
        return new Loaded("Preview", () -> new Label(source.describe()));
    }

    private static Node scatterChart(Examples all) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<XYSeries> series = new ArrayList<>();
        for (String name : all.classNames()) {
            XYSeries s = new XYSeries(name, false, true);
            s.setNotify(false);
            series.add(s);
            data.addSeries(s);
        }
        float[] f = all.features();
        float[] t = all.targets();
        int step = Math.max(1, (all.size() + MAX_SCATTER - 1) / MAX_SCATTER);
        for (int i = 0; i < all.size(); i += step) {
            series.get((int) t[i]).add(f[2 * i], f[2 * i + 1], false);
        }
        series.forEach(s -> s.setNotify(true));
        JFreeChart chart = Charts.scatter(null, "x", "y", data);
        XYItemRenderer renderer = chart.getXYPlot().getRenderer();
        java.awt.Shape dot = new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesShape(i, dot);
        }
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("data-scatter");
        viewer.setPrefSize(300, 260);
        viewer.setMinHeight(220);
        return viewer;
    }

    private static Node table(CsvPreview p, Object chosenLabel) {
        TableView<List<String>> table = new TableView<>();
        table.setId("csv-preview");
        for (int c = 0; c < p.header().size(); c++) {
            int col = c;
            String name = p.header().get(c);
            TableColumn<List<String>, String> column = new TableColumn<>(name.equals(chosenLabel) ? name + " (label)" : name);
            column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(
                    col < cell.getValue().size() ? cell.getValue().get(col) : ""));
            column.setSortable(false);
            table.getColumns().add(column);
        }
        table.getItems().setAll(p.rows());
        table.setPrefHeight(300);
        table.setTooltip(new Tooltip("The first rows of the file, as written; the network sees the feature columns"
                + " standardized"));
        return table;
    }

    private static Node idxGrid(IdxCodec.Images images, byte[] labels) {
        TilePane grid = tiles();
        int h = images.height();
        int w = images.width();
        byte[] px = images.pixels();
        for (int i = 0; i < images.count(); i++) {
            WritableImage img = new WritableImage(w, h);
            PixelWriter pw = img.getPixelWriter();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = 255 - (px[i * h * w + y * w + x] & 0xFF);
                    pw.setArgb(x, y, 0xFF000000 | v << 16 | v << 8 | v);
                }
            }
            String lab = i < labels.length ? String.valueOf(labels[i] & 0xFF) : "?";
            grid.getChildren().add(tile(img, lab));
        }
        return grid;
    }

    /** One image of a folder, with its class. */
    private record Sample(Image image, String label) {
    }

    /** Runs on the preview thread: up to 16 images, taking turns between the classes. */
    private static List<Sample> folderSamples(ImageFolderSource s) throws DataException, IOException {
        if (!Files.isDirectory(s.folder())) {
            throw new DataException(s.describe() + ": no such folder (" + s.folder().toAbsolutePath() + ")");
        }
        List<List<Path>> perClass = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(s.folder())) {
            for (Path d : dirs.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    perClass.add(files.filter(DataPreview::isImage).sorted().limit(SAMPLES).toList());
                }
                names.add(d.getFileName().toString());
            }
        }
        if (perClass.isEmpty()) {
            throw new DataException(s.describe() + ": no class subfolders; put each class's images in a subfolder"
                    + " named after the class");
        }
        List<Sample> samples = new ArrayList<>();
        for (int round = 0; samples.size() < SAMPLES; round++) {
            boolean any = false;
            for (int c = 0; c < perClass.size() && samples.size() < SAMPLES; c++) {
                if (round < perClass.get(c).size()) {
                    Path file = perClass.get(c).get(round);
                    Image image = new Image(file.toUri().toString(), 56, 56, true, true, false);
                    if (image.isError()) {
                        throw new DataException(s.describe() + names.get(c) + "/" + file.getFileName()
                                + ": not a readable image");
                    }
                    samples.add(new Sample(image, names.get(c)));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return samples;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg")
                || n.endsWith(".gif") || n.endsWith(".bmp"));
    }

    private static Node imageGrid(List<Sample> samples) {
        TilePane grid = tiles();
        for (Sample s : samples) {
            grid.getChildren().add(tile(s.image(), s.label()));
        }
        return grid;
    }

    private static TilePane tiles() {
        TilePane grid = new TilePane(6, 6);
        grid.setId("sample-grid");
        grid.setPrefColumns(4);
        grid.setPadding(new Insets(4));
        return grid;
    }

    private static Node tile(Image image, String label) {
        ImageView view = new ImageView(image);
        view.setFitWidth(56);
        view.setFitHeight(56);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        Label caption = new Label(label);
        caption.getStyleClass().add("sample-label");
        VBox tile = new VBox(2, view, caption);
        tile.setAlignment(Pos.CENTER);
        tile.getStyleClass().add("sample-tile");
        Tooltip.install(tile, new Tooltip("Label: " + label));
        return tile;
    }

    private static Node sequences(Examples all) {
        StringBuilder sb = new StringBuilder();
        int len = all.sampleSize();
        for (int i = 0; i < Math.min(8, all.size()); i++) {
            for (int t = 0; t < Math.min(len, 16); t++) {
                sb.append(String.format(Locale.ROOT, "%2d ", (int) all.features()[i * len + t]));
            }
            sb.append(len > 16 ? "… → " : "→ ").append(all.classNames().get((int) all.targets()[i])).append('\n');
        }
        Label l = new Label(sb.toString());
        l.setStyle("-fx-font-family: monospace;");
        return l;
    }
}
