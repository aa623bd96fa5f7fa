package com.telemed.pdf.render;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.telemed.pdf.render.ClinicalDocument.Layout;

/**
 * Renders a history of N records (default 100, archival layout) over and over: time per document, documents per
 * second on one thread and on all cores, bytes allocated per document and the peak heap. Run by bench/run.sh.
 */
public final class RenderBench {

    private RenderBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        PdfRenderer renderer = new PdfRenderer();
        ClinicalDocument doc = SampleDocuments.history(Layout.ARCHIVAL, records);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        byte[] pdf = null;
        for (int i = 0; i < Math.max(5, runs / 3); i++) {
            pdf = renderer.render(doc); // warm-up: JIT, font parsing paths
        }
        System.gc();
        resetPeaks();
        List<Double> millis = new ArrayList<>();
        long allocated = 0;
        for (int i = 0; i < runs; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            pdf = renderer.render(doc);
            millis.add((System.nanoTime() - start) / 1e6);
            allocated += threads.getCurrentThreadAllocatedBytes() - before;
        }
        Collections.sort(millis);
        double mean = millis.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        long peakHeap = peakHeap();

        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        int parallelRuns = runs * cores;
        long start = System.nanoTime();
        List<Future<byte[]>> all = new ArrayList<>();
        for (int i = 0; i < parallelRuns; i++) {
            all.add(pool.submit(() -> renderer.render(doc)));
        }
        for (Future<byte[]> f : all) {
            f.get();
        }
        double parallelSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        int pages;
        try (var d = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            pages = d.getNumberOfPages();
        }
        System.out.printf("records=%d pages=%d size_kb=%d runs=%d%n", records, pages, pdf.length / 1024, runs);
        System.out.printf("ms_per_doc mean=%.1f p50=%.1f p95=%.1f max=%.1f%n", mean, millis.get(runs / 2),
                millis.get(Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)), millis.get(runs - 1));
        System.out.printf("docs_per_s one_thread=%.1f all_%d_cores=%.1f%n", 1000 / mean, cores,
                parallelRuns / parallelSeconds);
        System.out.printf("allocated_mb_per_doc=%.1f peak_heap_mb=%d max_heap_mb=%d%n", allocated / runs / 1048576.0,
                peakHeap / 1048576, Runtime.getRuntime().maxMemory() / 1048576);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
