#!/usr/bin/env bash
# Renders a clinical history of N records (default 100) as an archival PDF/A-2b document, again and again, with
# production JVM flags and a 512 MB heap: time per document, documents per second, allocation and peak heap.
#   pdf-service/bench/run.sh [records] [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
records="${1:-100}"
runs="${2:-30}"
mvn -o -q -pl pdf-service -am -DskipTests test-compile
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -o -q -pl pdf-service dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
java -XX:+UseParallelGC -Xms512m -Xmx512m -Djava.awt.headless=true \
  -cp "pdf-service/target/classes:pdf-service/target/test-classes:$(cat "$cp_file")" \
  com.telemed.pdf.render.RenderBench "$records" "$runs"
