package dev.slaw.fit;
import dev.slaw.law.*;
class Scratch {
  static long cpu() { return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
  @org.junit.jupiter.api.Test void run() {
    var data = ChinchillaData.load();
    Law law = Catalogue.builtIn().find("chinchilla").orElseThrow();
    var pr = Fitter.prepare(law, data, "loss", Objective.huber()).problem();
    var ev = law.evaluator(data);
    double[] u = {0.6, 6.1, 0.34, 7.6, 0.36};
    double[] p = {1.8, 450, 0.34, 2000, 0.36};
    double[] f = new double[240]; double[][] J = new double[5][240];
    double[] g = new double[5];
    double s = 0;
    for (int rep = 0; rep < 6; rep++) {
      long t = cpu();
      for (int i = 0; i < 200000; i++) { u[0] = 0.6 + i * 1e-9; s += pr.valueAndGradient(u, g); }
      double evalUs = (cpu() - t) / 2e5 / 1e3;
      t = cpu();
      for (int i = 0; i < 200000; i++) { p[0] = 1.8 + i * 1e-9; ev.evaluate(p, f, J); s += f[3]; }
      double lawUs = (cpu() - t) / 2e5 / 1e3;
      System.out.printf("objective+grad %.2f us; law value+jac %.2f us %s%n", evalUs, lawUs, s > 0);
    }
  }
}
