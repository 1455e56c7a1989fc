package dev.slaw.fit;
import dev.slaw.law.*;
class Scratch {
  static long cpu() { return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
  @org.junit.jupiter.api.Test void run() {
    var data = ChinchillaData.load();
    Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
    var pr = Fitter.prepare(law, data, "loss", Objective.huber()).problem();
    double[] u = {0.6, 6.1, 0.34, 7.6, 0.36};
    double[] g = new double[5];
    double s = 0;
    for (int rep = 0; rep < 4; rep++) {
      long t = cpu();
      for (int i = 0; i < 100000; i++) { u[0] = 0.6 + i * 1e-9; s += pr.valueAndGradient(u, g); }
      double evalUs = (cpu() - t) / 1e5 / 1e3;
      t = cpu();
      Fit fit = Fitter.fit(law, data, "loss", FitOptions.defaults().withStarts(Starts.chinchilla()).withThreads(1));
      double fitMs = (cpu() - t) / 1e6;
      long ev = fit.convergence().totalEvaluations();
      System.out.printf("eval %.2f us; fit 1 thread %.0f ms; evals %d -> eval part %.0f ms, other %.0f ms%n", evalUs, fitMs, ev, ev * evalUs / 1e3, fitMs - ev * evalUs / 1e3);
    }
  }
}
