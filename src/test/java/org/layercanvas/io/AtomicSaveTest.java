package org.layercanvas.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.TestGraphs;

/** Kills a process while it saves designs over and over, then checks the file still loads whole. */
class AtomicSaveTest {

    /** Saves two large designs in turn to the file named by {@code args[0]} until killed. */
    public static void main(String[] args) throws Exception {
        DesignCodec codec = new DesignCodec();
        List<Design> designs = new ArrayList<>();
        for (int size : new int[] {3000, 1500}) {
            LayerSpec[] layers = new LayerSpec[size];
            java.util.Arrays.fill(layers, new Dense(4, true));
            designs.add(Design.of("big" + size, TestGraphs.chain(List.of(4), 4, layers)));
        }
        Path file = Path.of(args[0]);
        codec.write(designs.get(0), file);
        System.out.println("saved once");
        System.out.flush();
        for (int i = 1; ; i++) {
            codec.write(designs.get(i % 2), file);
        }
    }

    @Test
    void aProcessKilledMidSaveLeavesAWholeDesign(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("design.json");
        DesignCodec codec = new DesignCodec();
        for (int round = 0; round < 4; round++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AtomicSaveTest.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            // a child that never prints is killed, which ends the wait for its first line
            java.util.concurrent.CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(p::destroyForcibly);
            // kill only once a whole design exists, at a different moment of the save loop each round
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
            assertThat(first).isEqualTo("saved once");
            Thread.sleep(100 + 137L * round);
            p.destroyForcibly();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(codec.read(file).graph().size()).isIn(3002, 1502);
        }
        try (var files = Files.list(dir)) {
            // a killed save may leave its temporary file, never a broken design
            assertThat(files.filter(f -> !f.getFileName().toString().startsWith(".design.json"))).containsExactly(file);
        }
    }
}
