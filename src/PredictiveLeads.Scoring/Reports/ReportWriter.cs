using System.Globalization;
using System.Net;
using System.Text;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Serialization;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Reports;

/// <summary>Writes the training report three ways: report.json for machines, report.md and a self-contained report.html for people.</summary>
public static class ReportWriter
{
    private const string ModelColor = "#1f77b4";
    private const string RulesColor = "#d62728";

    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";

    public static void WriteAll(string directory, BundleTrainingResult result, TrainingReport report)
    {
        AtomicFile.WriteAllBytes(Path.Combine(directory, TrainingReport.FileName), report.ToBytes());
        AtomicFile.WriteAllText(Path.Combine(directory, MarkdownFile), Markdown(result));
        AtomicFile.WriteAllText(Path.Combine(directory, HtmlFile), Html(result));
    }

    public static string Markdown(BundleTrainingResult result)
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.Append("# Training report\n\n");
        md.Append(c, $"{result.Rows:N0} leads. Split {result.Split.Method}: {result.Split.Fit.Length:N0} to grow the trees, {result.Split.Validation.Length:N0} for early stopping and calibration, {result.Split.Test.Length:N0} to test.");
        if (result.Split.TestDates is { } test)
            md.Append(c, $" Fit {result.Split.FitDates}, validation {result.Split.ValidationDates}, test {test}.");
        md.Append(c, $"\n\nRules compared: {RulesCompared(result)}.\n");
        foreach (var note in result.ReadingNotes)
            md.Append(c, $"\nThe {note}.\n");
        foreach (var nested in result.Nesting)
            md.Append(c, $"\n**Funnel.** {NestingText(nested)}\n");
        if (result.Excluded.Count > 0)
            md.Append("\n**Not features** (every outcome): ").Append(string.Join("; ", result.Excluded.Select(e => $"`{e.Column}`: {e.Reason}"))).Append(".\n");
        foreach (var o in result.Outcomes)
        {
            md.Append(c, $"\n## {o.Label}\n\n{o.Positives:N0} positive and {o.Negatives:N0} negative leads. ");
            md.Append(ServedBy(o)).Append("\n\n");
            md.Append("| on the test leads | ROC AUC | average precision | log loss | Brier | ECE |\n|---|---|---|---|---|---|\n");
            foreach (var (name, e) in Methods(o))
                md.Append(c, $"| {name} | {e.RocAuc:F4} | {e.AveragePrecision:F4} | {e.LogLoss:F4} | {e.Brier:F4} | {e.ExpectedCalibrationError:F4} |\n");
            if (o.Workload is { } w)
            {
                md.Append(c, $"\n**Same workload.** The rules hand {w.RulesHandOver:N0} of {w.TestLeads:N0} test leads to sales (MQL or above) and catch {w.RulesFind:N0} of {w.Positives:N0} positives; the model's top {w.RulesHandOver:N0} catch {w.ModelFindAtSameWorkload:N0}.\n");
                md.Append(c, $"**Same catch.** To catch {w.RulesFind:N0}, sales must work {w.ModelLeadsForSameFinds:N0} leads taking the model's best first, against {w.RulesHandOver:N0} with the rules.\n");
            }
            if (o.Account is { } a)
            {
                md.Append(c, $"\n**Accounts.** {a.Accounts:N0} accounts, {a.TestAccounts:N0} in the test period (an account counts when any contact reached the outcome):\n\n");
                md.Append("| on the test accounts | ROC AUC | log loss | Brier | ECE |\n|---|---|---|---|---|\n");
                md.Append(c, $"| account model | {a.ModelTest.RocAuc:F4} | {a.ModelTest.LogLoss:F4} | {a.ModelTest.Brier:F4} | {a.ModelTest.ExpectedCalibrationError:F4} |\n");
                md.Append(c, $"| roll-up 1 − Π(1 − p) of lead probabilities | {a.RollupTest.RocAuc:F4} | {a.RollupTest.LogLoss:F4} | {a.RollupTest.Brier:F4} | {a.RollupTest.ExpectedCalibrationError:F4} |\n");
            }
            if (FitEngagementReport.Of(o.FitEngagement) is { } grades)
                md.Append(grades.Markdown());
            var suspects = o.Leakage.Where(f => f.Suspect).ToList();
            md.Append("\n**Leakage scan** (each column alone, out-of-fold ROC AUC): ");
            md.Append(suspects.Count == 0 ? "no suspects.\n" : string.Join("; ", suspects.Select(s => $"`{s.Column}` {s.Reason}, {(o.KeptSuspects.Contains(s.Column) ? "kept on request" : "excluded")}")) + ".\n");
            if (o.Training is { } t)
            {
                md.Append("\n| feature | AUC lost when shuffled | share of split gain |\n|---|---|---|\n");
                foreach (var i in t.Importance.Take(12))
                    md.Append(c, $"| {i.Feature} | {i.PermutationAucDrop:F4} | {i.GainShare:P1} |\n");
            }
        }
        return md.ToString();
    }

    public static string Html(BundleTrainingResult result)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>PredictiveLeads training report</title>");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:24px;max-width:1100px;color:#222}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:16px}.warn{color:#a00}</style></head><body>");
        html.Append(MarkdownToHtmlHeader(result));
        foreach (var o in result.Outcomes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(o.Label)}</h2><p>{o.Positives:N0} positive and {o.Negatives:N0} negative leads. ");
            html.Append(Encode(ServedBy(o))).Append("</p>");
            html.Append("<table><tr><th>on the test leads</th><th>ROC AUC</th><th>average precision</th><th>log loss</th><th>Brier</th><th>ECE</th></tr>");
            foreach (var (name, e) in Methods(o))
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{name}</td><td>{e.RocAuc:F4}</td><td>{e.AveragePrecision:F4}</td><td>{e.LogLoss:F4}</td><td>{e.Brier:F4}</td><td>{e.ExpectedCalibrationError:F4}</td></tr>");
            html.Append("</table>");
            if (o.Workload is { } w)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><b>Same workload:</b> the rules hand {w.RulesHandOver:N0} of {w.TestLeads:N0} test leads to sales and catch {w.RulesFind:N0} of {w.Positives:N0}; the model's top {w.RulesHandOver:N0} catch <b>{w.ModelFindAtSameWorkload:N0}</b>. ");
                html.Append(CultureInfo.InvariantCulture, $"<b>Same catch:</b> the model needs {w.ModelLeadsForSameFinds:N0} leads to catch what the rules catch with {w.RulesHandOver:N0}.</p>");
            }
            if (o.Account is { } a)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h3>Accounts</h3><p>{a.Accounts:N0} accounts, {a.TestAccounts:N0} in the test period (an account counts when any contact reached the outcome).</p>");
                html.Append("<table><tr><th>on the test accounts</th><th>ROC AUC</th><th>log loss</th><th>Brier</th><th>ECE</th></tr>");
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>account model</td><td>{a.ModelTest.RocAuc:F4}</td><td>{a.ModelTest.LogLoss:F4}</td><td>{a.ModelTest.Brier:F4}</td><td>{a.ModelTest.ExpectedCalibrationError:F4}</td></tr>");
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>roll-up 1 − Π(1 − p) of lead probabilities</td><td>{a.RollupTest.RocAuc:F4}</td><td>{a.RollupTest.LogLoss:F4}</td><td>{a.RollupTest.Brier:F4}</td><td>{a.RollupTest.ExpectedCalibrationError:F4}</td></tr></table>");
            }
            if (FitEngagementReport.Of(o.FitEngagement) is { } grades)
                html.Append(grades.Html());
            html.Append("<div class='charts'>");
            html.Append(SvgCharts.Lines("ROC curve", "false positive rate", "true positive rate", Curves(o, c => c.Roc)));
            html.Append(SvgCharts.Lines("Cumulative gains", "share of leads worked", "share of positives found", Curves(o, c => c.Gains)));
            html.Append(SvgCharts.Lines("Reliability", "predicted probability", "observed rate", Methods(o).Select(m =>
                new SvgCharts.Series(m.Name, m.Name == "model" ? ModelColor : RulesColor,
                    [.. m.Evaluation.Reliability.Where(b => b.Rows > 0).Select(b => new CurvePoint(b.MeanPredicted, b.ObservedRate))]))));
            html.Append("</div>");
            if (o.Training is { } t)
                html.Append(SvgCharts.Bars("Feature importance (held-out ROC AUC lost when shuffled)", [.. t.Importance.Take(12).Select(i => (i.Feature, i.PermutationAucDrop))], ModelColor));
            html.Append("<h3>Leakage scan</h3><table><tr><th>column</th><th>out-of-fold AUC alone</th><th>verdict</th></tr>");
            foreach (var f in o.Leakage.Take(15))
            {
                var verdict = !f.Suspect ? "" : (o.KeptSuspects.Contains(f.Column) ? "kept on request: " : "excluded: ") + f.Reason;
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(f.Column)}</td><td>{f.OutOfFoldAuc:F4}</td><td class='{(f.Suspect ? "warn" : "")}'>{Encode(verdict)}</td></tr>");
            }
            html.Append("</table>");
        }
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>How two nested outcomes relate, how the later one is served, and whether the probabilities keep their order, in words.</summary>
    public static string NestingText(NestedOutcomes n)
    {
        var c = CultureInfo.InvariantCulture;
        var how = n.Declared
            ? $"{n.Later} comes after {n.Earlier} (the schema's funnel){(n.Contradicting > 0 ? string.Create(c, $", although {n.Contradicting:N0} leads are positive for {n.Later} and not {n.Earlier}") : "")}"
            : $"{n.Later} comes after {n.Earlier}: every lead positive for {n.Later} is positive for {n.Earlier}";
        var served = n.Chained
            ? string.Create(c, $" {n.Later} is served as P({n.Earlier}) × P({n.Later} | {n.Earlier}), the second learned from the {n.ConditionalFitLeads:N0} fit leads that reached {n.Earlier}")
              + (n.ConditionalTest is { } step ? string.Create(c, $"; among the {step.Rows:N0} test leads that reached {n.Earlier}, it ranks with ROC AUC {step.RocAuc:F4}") : "") + "."
            : n.NotChainedReason is { } why ? $" {n.Later} is not served through {n.Earlier}: {why}." : "";
        var order = n.OutOfOrder switch
        {
            null => "",
            _ when n.Chained => string.Create(c, $" On the test leads, {n.OutOfOrder:N0} of {n.TestLeads:N0} get a higher probability of {n.Later} than of {n.Earlier}."),
            var broken => string.Create(c, $" On the test leads, {broken:N0} of {n.TestLeads:N0} get a higher probability of {n.Later} than of {n.Earlier}: the two models are trained apart, so their order is not guaranteed."),
        };
        return $"{how}.{served}{order}";
    }

    /// <summary>"Served by the model." or how the outcome is served through an earlier one, or why the rules serve it.</summary>
    private static string ServedBy(OutcomeResult o) => o switch
    {
        { Source: OutcomeSource.Rules } => $"Served by the points rules: {o.Reason}.",
        { ConditionalOn: { } earlier } => $"Served as P({earlier}) × P({o.Label} | {earlier}): the model learned the second from the leads that reached {earlier}, so this probability is never above {earlier}'s.",
        _ => "Served by the model.",
    };

    private static string RulesCompared(BundleTrainingResult result) =>
        result.Rules?.Name ?? (result.NoRulesReason is { } why ? $"none: {why}" : "none");

    private static string MarkdownToHtmlHeader(BundleTrainingResult result)
    {
        var split = result.Split;
        var dates = split.TestDates is { } test ? $" Fit {split.FitDates}, validation {split.ValidationDates}, test {test}." : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"<h1>Training report</h1><p>{result.Rows:N0} leads. Split {Encode(split.Method)}: {split.Fit.Length:N0} to grow the trees, {split.Validation.Length:N0} for early stopping and calibration, {split.Test.Length:N0} to test.{dates}</p><p>Rules compared: {Encode(RulesCompared(result))}.</p>")
            + string.Concat(result.Nesting.Select(n => $"<p><b>Funnel.</b> {Encode(NestingText(n))}</p>"))
            + (result.Excluded.Count == 0 ? "" : "<h3>Not features (every outcome)</h3><table><tr><th>column</th><th>why</th></tr>"
                + string.Concat(result.Excluded.Select(e => $"<tr><td>{Encode(e.Column)}</td><td>{Encode(e.Reason)}</td></tr>")) + "</table>");
    }

    private static IEnumerable<(string Name, ClassifierEvaluation Evaluation)> Methods(OutcomeResult o)
    {
        if (o.ModelTest is { } model)
            yield return ("model", model);
        if (o.RulesTest is { } rules)
            yield return ("rules", rules);
    }

    private static IEnumerable<SvgCharts.Series> Curves(OutcomeResult o, Func<TestCurves, IReadOnlyList<CurvePoint>> pick)
    {
        if (o.ModelCurves is { } model)
            yield return new SvgCharts.Series("model", ModelColor, pick(model));
        if (o.RulesCurves is { } rules)
            yield return new SvgCharts.Series("rules (points)", RulesColor, pick(rules));
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
