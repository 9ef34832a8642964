package org.layercanvas.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.layercanvas.graph.Design;

/**
 * The designs a new one can start from: the shipped samples, each with what it is for. Whoever
 * starts a design from one detaches it from the sample's file, so saving asks where and never
 * overwrites the sample, and rewrites its data paths to name the same files from the new folder.
 */
public final class Templates {
    /** A sample to start from: its file in the samples folder, its title and what it shows. */
    public record Template(String file, String title, String description) {
    }

    private static final List<Template> ALL = List.of(
            new Template("iris-mlp.json", "Iris MLP",
                    "A small MLP classifying iris flowers from 4 measurements (CSV, 150 rows). Trains in seconds."),
            new Template("spirals-mlp.json", "Spirals MLP",
                    "An MLP separating two interleaved spirals, generated data: watch the curves move."),
            new Template("mnist-mlp.json", "MNIST MLP",
                    "Handwritten digits with two dense layers, on the shipped 8,000-digit MNIST sample."),
            new Template("lenet5.json", "LeNet-5",
                    "The classic convolutional digit classifier, on the shipped MNIST sample."),
            new Template("residual-cnn.json", "Residual CNN",
                    "Two residual units with BatchNorm and a projection skip, on MNIST."),
            new Template("inception-cnn.json", "Inception-style CNN",
                    "Parallel 1×1, 3×3 and 5×5 branches joined by Concat, on MNIST."),
            new Template("sequence-lstm.json", "Sequence LSTM",
                    "An embedding and an LSTM classifying generated token sequences."),
            new Template("gated-mlp.json", "Gated MLP",
                    "Units where a sigmoid gate Multiplies a tanh branch, one block repeated twice, on the"
                            + " generated spirals."),
            new Template("transformer-classifier.json", "Transformer classifier",
                    "Token Embedding, learned PositionalEmbedding, two TransformerEncoder layers and a mean"
                            + " over positions, classifying generated token sequences."),
            new Template("conv-autoencoder.json", "Convolutional autoencoder",
                    "Strided-conv down blocks and ConvTranspose up blocks (each repeated twice) rebuild"
                            + " generated 16×16 shapes through an 8×4×4 code, per-pixel MSE."),
            new Template("unet.json", "U-Net (segmentation)",
                    "A small U-Net: one double-conv block reused five times, ConvTranspose and Upsample back"
                            + " up, skip Concats; a per-pixel mask of generated shapes."),
            new Template("mobilenet.json", "MobileNet-style CNN",
                    "Inverted residual blocks (1×1 expand, depthwise 3×3, 1×1 project, Add) with ReLU6, a"
                            + " depthwise-separable downsampling block and Hardswish, classifying generated shapes."),
            new Template("resnet18.json", "ResNet-18 (3×32×32)",
                    "ResNet-18 for CIFAR-sized images: four stages of residual blocks defined once and reused,"
                            + " 11.2M parameters, on generated shapes. Open a stage to see its blocks; for CIFAR-10,"
                            + " point the Data tab at its image folder and give fc and the output 10 classes."));

    private Templates() {
    }

    /** Returns the templates in the order a person meets them, simplest first. */
    public static List<Template> all() {
        return ALL;
    }

    /** Returns the template whose file is {@code file}. */
    public static Optional<Template> find(String file) {
        return ALL.stream().filter(t -> t.file().equals(file)).findFirst();
    }

    /** Reads {@code template} from {@code samplesDir}: its layers, blocks and settings, data paths as the sample has them. */
    public static Design read(Template template, Path samplesDir) throws IOException {
        return new DesignCodec().read(samplesDir.resolve(template.file()));
    }
}
