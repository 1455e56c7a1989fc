package dev.slaw.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slaw.server.Workbench;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workbench page in real Chromium, as a researcher uses it: upload the Chinchilla table,
 * search it, check a written formula as it is typed, fit it, hover a point of the plot, bootstrap with live progress and cancel, compare two
 * fits, plan at a budget, search the fits and open one; no console error on the way.
 * Also: mapping at upload, the held-out check and the sensitivity sweep, the frontier with its
 * band, a fit per group coloured by group. The screenshots in docs/img are made
 * here.
 */
class ServePageIT {
    static final Path IMAGES = Path.of("../docs/img");

    @Test
    void aResearchersSessionInChromium() throws Exception {
        Path work = Files.createDirectories(Path.of("target/serve-page-it"));
        Path db = work.resolve("runs.duckdb");
        Files.deleteIfExists(db);
        deleteTree(work.resolve("runs.duckdb.serve"));
        // a table the command line imported into the store before the workbench started
        assertThat(Main.run(new String[]{"import", ServeApiTest.CHINCHILLA, "--name", "epoch", "--map", "N=Model Size",
                "--derive", "D=Training FLOP / (6*N)", "--db", db.toString()}, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(System.err, true))).isZero();
        try (Workbench workbench = new Workbench(Workbench.Settings.of(db).withPort(0), ServeCommand.COMMANDS)) {
            String base = workbench.start();
            try (DevTools page = DevTools.open(base, work, 1280, 900)) {
                page.waitUntil("document.querySelectorAll('#fit-law option').length > 5", 60);

                // upload and preview
                page.chooseFile("#upload-file", Path.of(ServeApiTest.CHINCHILLA));
                page.eval("document.getElementById('upload-name').value = 'chinchilla'");
                page.eval("document.querySelector('#upload-form button').click()");
                page.waitUntil("document.getElementById('preview-table') || document.getElementById('upload-status').classList.contains('error')", 120);
                assertThat(page.errors).isEmpty();
                assertThat(page.eval("document.getElementById('upload-status').textContent").asText()).contains("245 rows");
                assertThat(page.eval("document.querySelectorAll('#preview-table tr').length").asInt()).isEqualTo(21);
                // the imported table listed beside the upload, and previewed as the store has it
                assertThat(page.eval("document.querySelector('#dataset-list li[data-name=epoch]').textContent").asText())
                        .isEqualTo("epoch (in the store from slaw import: 245 rows of " + ServeApiTest.CHINCHILLA + ")");
                page.screenshot(IMAGES.resolve("serve-datasets.png"));
                page.eval("document.querySelector('#dataset-list li[data-name=epoch]').click()");
                page.waitUntil("document.querySelector('#preview h3') && document.querySelector('#preview h3').textContent.startsWith('epoch: 245 rows')", 30);
                assertThat(page.eval("document.querySelector('#preview-table tr').textContent").asText()).contains("N", "D").doesNotContain("Model Size");
                // the datasets searched as the user types
                type(page, "dataset-search", "zzz");
                page.waitUntil("document.getElementById('dataset-list').textContent === 'no dataset matches zzz'", 10);
                type(page, "dataset-search", "CHIN");
                page.waitUntil("document.querySelectorAll('#dataset-list li[data-name=chinchilla]').length === 1", 10);

                // mapping and derived columns at upload: a bad one gets the import's line, a good one
                // shows the table as a fit reads it
                page.eval("document.getElementById('upload-name').value = 'chinchilla-mapped'");
                page.eval("document.getElementById('upload-map').value = 'N=Model Siz'");
                page.eval("document.getElementById('upload-derive').value = 'D=Training FLOP / (6*N)'");
                page.eval("document.querySelector('#upload-form button').click()");
                page.waitUntil("document.getElementById('upload-status').classList.contains('error')", 60);
                assertThat(page.eval("document.getElementById('upload-status').textContent").asText())
                        .startsWith("chinchilla-mapped.csv: no column \"Model Siz\" to map to N");
                // the browser logs that refused upload; it is the one error expected here
                page.waitUntil("true", 1);
                assertThat(page.errors).singleElement().asString().contains("status of 400").contains("Model%20Siz");
                page.errors.clear();
                page.eval("document.getElementById('upload-map').value = 'N=Model Size'");
                page.eval("document.querySelector('#upload-form button').click()");
                page.waitUntil("document.getElementById('prepared-table')", 60);
                String prepared = page.eval("document.querySelector('#prepared-table tr').textContent").asText();
                assertThat(prepared).contains("N", "D").doesNotContain("Model Size");
                assertThat(page.eval("document.querySelectorAll('#prepared-table tr').length").asInt()).isEqualTo(21);
                page.screenshot(IMAGES.resolve("serve-upload-mapped.png"));

                // fit with the README's recipe
                page.eval("document.querySelector('nav button[data-page=fit]').click()");
                page.eval("document.getElementById('fit-dataset').value = 'chinchilla'");
                page.eval("document.getElementById('fit-law').value = 'chinchilla'");
                page.eval("document.getElementById('fit-target').value = 'loss'");
                page.eval("document.getElementById('fit-map').value = 'N=Model Size'");
                page.eval("document.getElementById('fit-derive').value = 'D=Training FLOP / (6*N)'");
                page.eval("document.getElementById('fit-drop-highest').value = 'loss=5'");
                page.eval("document.getElementById('fit-starts').value = 'chinchilla'");
                // a written formula checked as the user types: the fit's error with its position, then its parameters
                type(page, "fit-formula", "E + A*N^-(alpha");
                page.waitUntil("document.getElementById('formula-check').textContent.includes('at position 16')", 10);
                assertThat(page.eval("document.getElementById('formula-check').className").asText()).contains("error");
                type(page, "fit-formula", "E + A*N^-alpha + B*D^-beta");
                page.waitUntil("document.getElementById('formula-check').textContent === 'parameters E, A, alpha, B, beta; variables N, D'", 10);
                type(page, "fit-formula", "");
                page.eval("document.getElementById('fit-run').click()");
                page.waitUntil("!document.getElementById('fit-result').hidden && document.querySelector('#fit-plot .u-over')", 300);
                assertThat(page.eval("document.getElementById('fit-fitted').textContent").asText())
                        .isEqualTo("L = 1.817 + 477.8 / N^0.3473 + 2143 / D^0.3672");
                assertThat(page.eval("document.querySelectorAll('#fit-params tr').length").asInt()).isEqualTo(6);

                // hover a point in the middle of the plot and read its row
                page.eval("document.getElementById('fit-plot').scrollIntoView()");
                JsonNode at = page.eval("(() => { const o = document.querySelector('#fit-plot .u-over').getBoundingClientRect();"
                        + " const d = fitPlot.data; const i = Math.floor(d[0].length / 2);"
                        + " return {x: o.left + fitPlot.valToPos(d[0][i], 'x'), y: o.top + fitPlot.valToPos(d[1][i], 'y')}; })()");
                page.hover(at.path("x").asDouble(), at.path("y").asDouble());
                page.hover(at.path("x").asDouble() + 1, at.path("y").asDouble());
                String under = page.eval("(() => { const e = document.elementFromPoint(" + at.path("x").asDouble() + ", "
                        + at.path("y").asDouble() + "); return e ? e.className + ' ' + e.id : 'nothing'; })()").asText();
                assertThat(under).as(at.toString()).contains("u-over");
                page.waitUntil("document.getElementById('fit-hover').textContent.startsWith('row ')", 10);
                String hovered = page.eval("document.getElementById('fit-hover').textContent").asText();
                assertThat(hovered).contains("N=", "D=", "loss=", "predicted=", "residual=");
                page.screenshot(IMAGES.resolve("serve-fit.png"));

                // a 1,000-replicate bootstrap: progress moves to the end and the intervals show
                page.eval("document.getElementById('boot-replicates').value = '1000'");
                page.eval("document.getElementById('boot-run').click()");
                page.waitUntil("document.getElementById('boot-progress').value >= 2", 300);
                page.waitUntil("document.getElementById('boot-status').textContent.includes(': done')", 300);
                assertThat(page.eval("document.getElementById('boot-progress').value").asInt()).isEqualTo(1000);
                assertThat(page.eval("document.querySelectorAll('#boot-params tr').length").asInt()).isGreaterThan(5);
                page.screenshot(IMAGES.resolve("serve-bootstrap.png"));

                // a job too long to wait for (on a quiet machine 1,000 replicates end within a second): cancelled
                page.eval("document.getElementById('boot-replicates').value = '500000'");
                page.eval("document.getElementById('boot-run').click()");
                page.waitUntil("document.getElementById('boot-status').textContent.includes(' of 500000 replicates')"
                        + " && document.getElementById('boot-progress').value >= 2", 300);
                page.eval("document.getElementById('boot-cancel').click()");
                page.waitUntil("document.getElementById('boot-status').textContent.includes('cancelled')", 120);
                assertThat(page.eval("document.getElementById('boot-progress').value").asInt()).isLessThan(500000);
                // a small bootstrap that finishes: the plan's intervals come from it
                page.eval("document.getElementById('boot-replicates').value = '40'");
                page.eval("document.getElementById('boot-run').click()");
                page.waitUntil("document.getElementById('boot-status').textContent.includes(': done')", 120);
                // the held-out check and the sensitivity sweep, each shown as the command line prints it
                page.eval("document.getElementById('validate-run').click()");
                page.waitUntil("document.getElementById('validate-text').textContent.includes('[[Held-out rows]]')"
                        + " || document.getElementById('validate-status').classList.contains('error')", 120);
                assertThat(page.eval("document.getElementById('validate-text').textContent").asText())
                        .contains("[[Held-out validation]]", "the largest N", "[[Summary]]");
                page.eval("document.getElementById('sensitivity-compute').value = '1e22'");
                page.eval("document.getElementById('sensitivity-run').click()");
                page.waitUntil("document.getElementById('sensitivity-text').textContent.includes('[[Sensitivity sweep]]')"
                        + " || document.getElementById('sensitivity-status').classList.contains('error')", 300);
                assertThat(page.eval("document.getElementById('sensitivity-text').textContent").asText()).contains("N_opt@1e22");
                page.eval("document.getElementById('validate-text').scrollIntoView()");
                page.screenshot(IMAGES.resolve("serve-validate.png"));

                // a second fit (squared loss) and the two compared
                page.eval("document.getElementById('fit-loss').value = 'squared'");
                page.eval("document.getElementById('fit-run').click()");
                page.waitUntil("document.getElementById('fit-status').textContent === 'fit 2 done'", 300);
                page.eval("document.querySelector('nav button[data-page=compare]').click()");
                page.waitUntil("document.querySelectorAll('#compare-b option').length === 2", 30);
                page.eval("document.querySelector('#compare-form button').click()");
                page.waitUntil("document.querySelectorAll('#compare-params tr').length > 5 && document.querySelector('#compare-plot .u-over')", 60);
                page.screenshot(IMAGES.resolve("serve-compare.png"));

                // plan at a budget
                page.eval("document.querySelector('nav button[data-page=plan]').click()");
                page.waitUntil("document.querySelectorAll('#plan-fit option').length === 2", 30);
                page.eval("document.getElementById('plan-fit').value = '1'");
                page.eval("document.querySelector('#plan-form button').click()");
                page.waitUntil("document.querySelectorAll('#plan-result tr').length > 3", 60);
                String plan = page.eval("document.getElementById('plan-result').textContent").asText();
                assertThat(plan).contains("parameters N", "tokens D", "interval (40 replicates)", "(0.95)");
                // the frontier with its band; fit 2 has no bootstrap: drawn without, and said so
                page.eval("document.getElementById('frontier-run').click()");
                page.waitUntil("document.querySelector('#frontier-plot .u-over')", 60);
                assertThat(page.eval("document.querySelector('#frontier-plot .u-title').textContent").asText())
                        .isEqualTo("compute-optimal N and D, 95% intervals from 40 replicates");
                assertThat(page.eval("document.querySelectorAll('#frontier-plot .u-legend .u-series').length").asInt()).isEqualTo(7);
                page.screenshot(IMAGES.resolve("serve-plan.png"));
                // the IsoFLOP view of the dataset mapped at upload
                page.eval("document.getElementById('view-dataset').value = 'chinchilla-mapped'");
                page.eval("document.getElementById('view-compute').value = 'Training FLOP'");
                page.eval("document.getElementById('view-run').click()");
                page.waitUntil("document.getElementById('view-text').textContent.includes('N_opt = ')"
                        + " || document.getElementById('view-status').classList.contains('error')", 120);
                assertThat(page.eval("document.getElementById('view-text').textContent").asText())
                        .startsWith("IsoFLOP analysis (Hoffmann et al. 2022, Approach 2) of chinchilla-mapped.csv");
                // drawn: the runs of each compute budget with its parabola and minimum, and the minima with the power laws
                page.waitUntil("document.querySelectorAll('#view-plot .u-over').length === 2", 30);
                assertThat(page.eval("[...document.querySelectorAll('#view-plot .u-title')].map(t => t.textContent).join(' | ')").asText())
                        .isEqualTo("IsoFLOP profiles and their minima | IsoFLOP minima and the fitted power laws");
                page.eval("document.getElementById('view-plot').scrollIntoView()");
                hoverSeries(page, "figures['view-plot'][0]", "minima");
                page.waitUntil("document.getElementById('view-hover').textContent.startsWith('minima: parameters N=')", 10);
                assertThat(page.eval("document.getElementById('view-hover').textContent").asText()).contains(", loss=");
                page.screenshot(IMAGES.resolve("serve-isoflop.png"));
                // the envelope view: every run's loss against compute, the least per bin joined
                page.eval("document.getElementById('view-kind').value = 'envelope'");
                page.eval("document.getElementById('view-run').click()");
                page.waitUntil("document.querySelectorAll('#view-plot .u-over').length === 2"
                        + " && document.querySelector('#view-plot .u-title').textContent.startsWith('Loss envelope')"
                        + " || document.getElementById('view-status').classList.contains('error')", 120);
                assertThat(page.eval("document.getElementById('view-text').textContent").asText()).contains("Approach 1");
                page.eval("document.getElementById('view-plot').scrollIntoView()");
                page.screenshot(IMAGES.resolve("serve-envelope.png"));
                page.eval("document.getElementById('plan-fit').value = '2'");
                page.eval("document.getElementById('frontier-run').click()");
                page.waitUntil("document.getElementById('frontier-status').textContent.startsWith('fit 2 has no finished bootstrap')"
                        + " && document.querySelectorAll('#frontier-plot .u-legend .u-series').length === 3", 60);

                // the fits listed and searched; one opened from the list
                page.eval("document.querySelector('nav button[data-page=datasets]').click()");
                page.waitUntil("document.querySelectorAll('#fit-list li[data-id]').length === 2", 30);
                type(page, "fit-search", "id:2 law:chinchilla");
                page.waitUntil("document.querySelectorAll('#fit-list li[data-id]').length === 1", 10);
                page.eval("document.querySelector('#fit-list li[data-id]').click()");
                page.waitUntil("document.getElementById('fit-status').textContent === 'fit 2 opened' && document.querySelector('#fit-plot .u-over')", 30);
                assertThat(page.eval("document.getElementById('fit-title').textContent").asText()).startsWith("Fit 2: chinchilla");

                // one fit per group: each group in its own colour on the plot, the row's group on hover
                page.chooseFile("#upload-file", Path.of("../examples/misfitting/scaling_results_last_ckpt_only.csv"));
                page.eval("document.getElementById('upload-name').value = 'misfitting'");
                page.eval("document.getElementById('upload-map').value = ''");
                page.eval("document.getElementById('upload-derive').value = ''");
                page.eval("document.querySelector('#upload-form button').click()");
                page.waitUntil("document.querySelector('#fit-dataset option[value=misfitting]')", 60);
                page.eval("document.querySelector('nav button[data-page=fit]').click()");
                page.eval("document.getElementById('fit-dataset').value = 'misfitting'");
                for (String field : new String[]{"fit-map", "fit-derive", "fit-drop-highest", "fit-starts", "fit-formula"}) {
                    page.eval("document.getElementById('" + field + "').value = ''");
                }
                page.eval("document.getElementById('fit-loss').value = 'huber'");
                page.eval("document.getElementById('fit-more').value = '{\"group\": \"peak_lr\", \"only\": \"peak_lr=0.001,0.002,0.004\"}'");
                page.eval("document.getElementById('fit-run').click()");
                page.waitUntil("document.getElementById('fit-status').textContent === 'fit 3 done'"
                        + " || document.getElementById('fit-status').classList.contains('error')", 300);
                assertThat(page.eval("document.getElementById('fit-status').textContent").asText()).isEqualTo("fit 3 done");
                assertThat(page.eval("document.getElementById('fit-title').textContent").asText())
                        .isEqualTo("Fit 3: chinchilla to loss, one per peak_lr");
                assertThat(page.eval("document.querySelectorAll('#fit-fitted div').length").asInt()).isEqualTo(3);
                assertThat(page.eval("document.querySelectorAll('#fit-plot .u-legend .u-series').length").asInt()).isEqualTo(7);
                page.eval("document.getElementById('fit-plot').scrollIntoView()");
                JsonNode point = page.eval("(() => { const o = document.querySelector('#fit-plot .u-over').getBoundingClientRect();"
                        + " const d = fitPlot.data; let i = Math.floor(d[0].length / 2); while (d[3][i] === null) i++;"
                        + " return {x: o.left + fitPlot.valToPos(d[0][i], 'x'), y: o.top + fitPlot.valToPos(d[3][i], 'y')}; })()");
                page.hover(point.path("x").asDouble(), point.path("y").asDouble());
                page.hover(point.path("x").asDouble() + 1, point.path("y").asDouble());
                page.waitUntil("document.getElementById('fit-hover').textContent.includes('(peak_lr=')", 10);
                page.screenshot(IMAGES.resolve("serve-fit-grouped.png"));

                // the fit per group planned: one group, as slaw plan FIT peak_lr=0.002 plans it, then every group's frontier coloured
                page.eval("document.querySelector('nav button[data-page=plan]').click()");
                page.waitUntil("document.querySelectorAll('#plan-fit option').length === 3", 30);
                page.eval("(() => { const s = document.getElementById('plan-fit'); s.value = '3'; s.dispatchEvent(new Event('change')); })()");
                page.waitUntil("!document.getElementById('plan-group').parentNode.hidden && document.querySelectorAll('#plan-group option').length === 4", 30);
                page.eval("document.getElementById('plan-group').value = '0.002'");
                page.eval("document.getElementById('plan-budget').value = '1e21'");
                page.eval("document.querySelector('#plan-form button').click()");
                page.waitUntil("document.getElementById('plan-result').textContent.includes('peak_lr=0.002')"
                        + " || document.getElementById('plan-status').classList.contains('error')", 60);
                assertThat(page.eval("document.getElementById('plan-result').textContent").asText())
                        .contains("parameters N", "tokens D").doesNotContain("peak_lr=0.001");
                assertThat(page.eval("document.getElementById('plan-status').textContent").asText())
                        .isEqualTo("fit 3 is a fit per group: planned without intervals");
                page.eval("document.getElementById('plan-group').value = '*'");
                page.eval("document.getElementById('frontier-to').value = '1e23'");
                page.eval("document.getElementById('frontier-run').click()");
                page.waitUntil("document.querySelector('#frontier-plot .u-title')"
                        + " && document.querySelector('#frontier-plot .u-title').textContent === 'compute-optimal N (solid) and D (dashed) per peak_lr'"
                        + " || document.getElementById('frontier-status').classList.contains('error')", 60);
                assertThat(page.eval("[...document.querySelectorAll('#frontier-plot .u-legend .u-series')].map(s => s.textContent).join(' | ')").asText())
                        .contains("peak_lr=0.001 N", "peak_lr=0.002 D", "peak_lr=0.004 N");
                page.eval("document.getElementById('plan-form').scrollIntoView()");
                page.screenshot(IMAGES.resolve("serve-plan-grouped.png"));

                // and compared: two of its groups side by side, then all its groups beside one of them
                page.eval("document.querySelector('nav button[data-page=compare]').click()");
                page.waitUntil("document.querySelectorAll('#compare-a option').length === 3", 30);
                for (String side : new String[]{"compare-a", "compare-b"}) {
                    // chosen as a user chooses: the value and its change event at once, so the page's own refresh cannot come between
                    page.eval("(() => { const s = document.getElementById('" + side + "'); s.value = '3'; s.dispatchEvent(new Event('change')); })()");
                }
                page.waitUntil("document.querySelectorAll('#compare-a-group option').length === 4"
                        + " && document.querySelectorAll('#compare-b-group option').length === 4"
                        + " || document.getElementById('compare-status').classList.contains('error')", 30);
                assertThat(page.eval("[document.getElementById('compare-status').textContent, document.getElementById('compare-a').value,"
                        + " document.getElementById('compare-b').value, document.querySelectorAll('#compare-a-group option').length,"
                        + " document.querySelectorAll('#compare-b-group option').length].join(' ')").asText()).isEqualTo(" 3 3 4 4");
                page.eval("document.getElementById('compare-a-group').value = '0.001'");
                page.eval("document.getElementById('compare-b-group').value = '0.004'");
                page.eval("document.querySelector('#compare-form button').click()");
                page.waitUntil("document.querySelector('#compare-params th:nth-child(2)')"
                        + " && document.querySelector('#compare-params th:nth-child(2)').textContent === 'fit 3 (peak_lr=0.001)'", 60);
                assertThat(page.eval("[...document.querySelectorAll('#compare-params th')].map(t => t.textContent).join(' | ')").asText())
                        .isEqualTo(" | fit 3 (peak_lr=0.001) | fit 3 (peak_lr=0.004)");
                page.eval("document.getElementById('compare-a-group').value = '*'");
                page.eval("document.querySelector('#compare-form button').click()");
                // the group on both sides once: three columns, one per group
                page.waitUntil("document.querySelectorAll('#compare-params th').length === 4", 60);
                assertThat(page.eval("document.querySelectorAll('#compare-plot .u-over').length").asInt()).isEqualTo(1);
                page.screenshot(IMAGES.resolve("serve-compare-grouped.png"));

                // loss curves across schedules: three multi-power runs in one table
                Path curves = Files.createDirectories(work.resolve("curves")).resolve("multipower-curves.csv");
                StringBuilder table = new StringBuilder("run,step,lr,loss\n");
                for (String run : new String[]{"constant_24000", "cosine_24000", "wsd_20000_24000"}) {
                    List<String> lines = Files.readAllLines(Path.of("../examples/multipower/csv_25/" + run + ".csv"));
                    lines.subList(1, lines.size()).forEach(l -> table.append(run).append(',').append(l).append('\n'));
                }
                Files.writeString(curves, table);
                page.eval("document.querySelector('nav button[data-page=datasets]').click()");
                page.chooseFile("#upload-file", curves);
                page.eval("document.getElementById('upload-name').value = 'curves'");
                page.eval("document.querySelector('#upload-form button').click()");
                page.waitUntil("document.querySelector('#curve-dataset option[value=curves]')", 60);
                page.eval("document.querySelector('nav button[data-page=curves]').click()");
                page.eval("document.getElementById('curve-dataset').value = 'curves'");
                page.eval("document.getElementById('curve-run').click()");
                page.waitUntil("document.getElementById('curve-text').textContent.includes('[[Parameters]]')"
                        + " || document.getElementById('curve-status').classList.contains('error')", 300);
                assertThat(page.eval("document.getElementById('curve-text').textContent").asText()).contains("name:             multi-power");
                // the loss curves, observed and fitted, beside the schedules that made them
                page.waitUntil("document.querySelectorAll('#curve-plot .u-over').length === 2", 30);
                assertThat(page.eval("[...document.querySelectorAll('#curve-plot .u-title')].map(t => t.textContent).join(' | ')").asText())
                        .isEqualTo("Observed (points) and predicted (lines) loss | Learning-rate schedules");
                page.eval("document.getElementById('curve-plot').scrollIntoView()");
                hoverSeries(page, "figures['curve-plot'][0]", "cosine_24000");
                page.waitUntil("document.getElementById('curve-hover').textContent.startsWith('cosine_24000: step=')", 10);
                assertThat(page.eval("document.getElementById('curve-hover').textContent").asText()).contains(", loss=");
                // two other schedules predicted with that fit (slaw curve predict), drawn beside their schedules
                page.eval("document.getElementById('curve-predict-run').click()");
                page.waitUntil("document.querySelectorAll('#curve-predict-plot .u-over').length === 2"
                        + " || document.getElementById('curve-predict-status').classList.contains('error')", 60);
                assertThat(page.eval("document.getElementById('curve-predict-status').textContent").asText()).isEmpty();
                assertThat(page.eval("document.getElementById('curve-predict-text').textContent").asText()).contains("wsd(");
                page.screenshot(IMAGES.resolve("serve-curves.png"));

                // a mixture law of three sources' runs, then the mixture it predicts best, on the simplex
                page.eval("document.querySelector('nav button[data-page=datasets]').click()");
                page.chooseFile("#upload-file", Path.of("../examples/mixtures/three-sources.csv").toAbsolutePath());
                page.eval("document.getElementById('upload-name').value = 'mix'");
                page.eval("document.querySelector('#upload-form button').click()");
                page.waitUntil("document.querySelector('#mixture-dataset option[value=mix]')", 60);
                page.eval("document.querySelector('nav button[data-page=mixtures]').click()");
                page.eval("document.getElementById('mixture-dataset').value = 'mix'");
                type(page, "mixture-columns", "web,code,books");
                type(page, "mixture-target", "web_loss");
                page.eval("document.getElementById('mixture-run').click()");
                page.waitUntil("document.getElementById('mixture-text').textContent.includes('[[Parameters]]')"
                        + " || document.getElementById('mixture-status').classList.contains('error')", 120);
                assertThat(page.eval("document.getElementById('mixture-text').textContent").asText()).contains("name:             data-mixing");
                page.eval("document.getElementById('mixture-optimize-run').click()");
                page.waitUntil("document.querySelectorAll('#mixture-optimize-plot .u-over').length === 1"
                        + " || document.getElementById('mixture-optimize-status').classList.contains('error')", 60);
                assertThat(page.eval("document.getElementById('mixture-optimize-status').textContent").asText()).endsWith(": done");
                assertThat(page.eval("document.getElementById('mixture-optimize-text').textContent").asText()).contains("[[Proportions]]");
                page.eval("document.getElementById('mixture-optimize-plot').scrollIntoView()");
                page.screenshot(IMAGES.resolve("serve-mixtures.png"));

                // a model ladder, zipped as it is stored, chained to the target's accuracy with a joint bootstrap
                Path zip = work.resolve("olmo-ladder.zip");
                Files.write(zip, ServeApiTest.ladderZip());
                page.eval("document.querySelector('nav button[data-page=chains]').click()");
                page.chooseFile("#ladder-file", zip.toAbsolutePath());
                page.eval("document.getElementById('ladder-name').value = 'olmo'");
                page.eval("document.querySelector('#ladder-upload-form button').click()");
                page.waitUntil("document.querySelectorAll('#chain-runs tr').length === 18"
                        + " || document.getElementById('ladder-upload-status').classList.contains('error')", 60);
                assertThat(page.eval("document.getElementById('ladder-upload-status').textContent").asText())
                        .isEqualTo("kept olmo: 16 runs, target 13B-5T");
                type(page, "chain-tasks", "mmlu_avg_test_5shot,hellaswag_val_5shot,piqa_val_5shot,socialiqa_val_5shot");
                type(page, "chain-replicates", "100");
                page.eval("document.getElementById('chain-run').click()");
                page.waitUntil("document.querySelectorAll('#chain-plot .u-over').length === 2"
                        + " || document.getElementById('chain-status').classList.contains('error')", 120);
                assertThat(page.eval("document.getElementById('chain-status').textContent").asText()).endsWith("done, 400 of 400");
                assertThat(page.eval("document.getElementById('chain-text').textContent").asText())
                        .contains("Chained prediction (slaw) of 13B-5T").contains("95% chained interval");
                page.eval("document.getElementById('chain-plot').scrollIntoView()");
                hoverSeries(page, "figures['chain-plot'][0]", "piqa_val_5shot");
                page.waitUntil("document.getElementById('chain-hover').textContent.includes('piqa_val_5shot')", 10);
                page.screenshot(IMAGES.resolve("serve-chains.png"));

                assertThat(page.errors).isEmpty();
            }
        }
    }

    /** Moves the mouse onto the middle point of a plot's series named {@code label}. */
    private static void hoverSeries(DevTools page, String plot, String label) throws Exception {
        JsonNode at = page.eval("(() => { const u = " + plot + "; const o = u.over.getBoundingClientRect();"
                + " const k = u.series.findIndex(s => s.label === " + ServeApiTest.JSON.writeValueAsString(label) + ");"
                + " const idx = u.data[k].map((v, i) => v == null ? -1 : i).filter(i => i >= 0); const i = idx[Math.floor(idx.length / 2)];"
                + " return {x: o.left + u.valToPos(u.data[0][i], 'x'), y: o.top + u.valToPos(u.data[k][i], 'y')}; })()");
        // twice, so that the mouse moves; it ends on the point
        page.hover(at.path("x").asDouble() + 1, at.path("y").asDouble());
        page.hover(at.path("x").asDouble(), at.path("y").asDouble());
    }

    /** Sets an input's text as typing does: the page hears an input event. */
    private static void type(DevTools page, String id, String text) throws Exception {
        page.eval("(() => { const e = document.getElementById('" + id + "'); e.value = " + ServeApiTest.JSON.writeValueAsString(text)
                + "; e.dispatchEvent(new Event('input')); })()");
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
