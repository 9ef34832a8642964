#!/usr/bin/env bash
# Builds the app image target/app/LayerCanvas: a LayerCanvas launcher with its own Java runtime, the
# application's jars and the samples, needing neither Maven nor a Java install. `mvn package` runs
# it once the jar and its runtime dependencies are in target/app-input.
# Usage: scripts/app-image.sh TARGET_DIR JAR_NAME JAVA_HOME
set -euo pipefail
target=$1
jar=$2
java_home=$3
input=$target/app-input
cp "$target/$jar" "$input/"
rm -rf "$input/samples"
mkdir -p "$input/samples"
# the samples as shipped: not the runs a local `train` left beside them
tar -C samples --exclude=./runs -cf - . | tar -C "$input/samples" -xf -
rm -rf "$target/app/LayerCanvas"
# the runtime keeps bin/java (jpackage strips it by default): LayerCanvas starts a second JVM with
# the native settings it chose (see Main)
"$java_home/bin/jpackage" --type app-image --name LayerCanvas --dest "$target/app" \
    --input "$input" --main-jar "$jar" --main-class org.layercanvas.Main \
    --java-options "-Dai.djl.offline=true" \
    --add-modules java.se,jdk.unsupported,jdk.zipfs,jdk.crypto.ec,jdk.localedata,jdk.management \
    --jlink-options "--strip-debug --no-man-pages --no-header-files"
echo "App image: $target/app/LayerCanvas (start it with $target/app/LayerCanvas/bin/LayerCanvas)"
