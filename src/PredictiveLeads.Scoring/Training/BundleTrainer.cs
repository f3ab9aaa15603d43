using PredictiveLeads.Learning.Calibration;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.MLNet;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Training;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Funnel;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// Trains one model per outcome of an export and judges each against the points rules on the same held-out
/// leads: split (by time when possible), scan for leaky columns, train on the fit part, stop early and
/// calibrate on the validation part, and measure model and rules on the test part.
/// </summary>
public sealed class BundleTrainer(BundleTrainingOptions options)
{
    /// <summary>Called with a step name and progress in [0, 1].</summary>
    public Action<string, double>? Progress { get; init; }

    public BundleTrainingResult Train(DataTable table, CancellationToken cancellation = default)
    {
        options.Validate();
        var schema = options.Schema;
        Progress?.Invoke("Holding out leads and screening columns", 0);
        var labels = schema.Outcomes.ToDictionary(o => o, o => BinaryLabel.Read(table, o));
        foreach (var (outcome, values) in labels)
            BinaryLabel.LabelledRows(table, outcome, values);
        var split = HoldoutSplit.Create(table, schema.CreatedAt, labels[schema.Outcomes[0]], options.TestShare, options.Model.ValidationShare, options.Model.Boosting.Seed);
        if (split.Fit.Length == 0 || split.Validation.Length == 0 || split.Test.Length == 0)
            throw new DataFormatException($"{table.Source}: {table.RowCount} rows are too few to hold out validation and test leads");

        var rulePoints = new double[table.RowCount];
        var ruleStages = new FunnelStage[table.RowCount];
        if (options.Rules is { } rules)
            ScoreWithRules(table, rules, split, rulePoints, ruleStages);

        var screened = ColumnScreen.Screen(table, table.Columns.Select(c => c.Name).Except(NotFeatures()), options.Model.Boosting.Threads)
            .Where(s => !options.Keep.Contains(s.Column)).ToList();
        var pairs = FunnelNesting.Find(schema, labels);
        var earlierOf = pairs.ToDictionary(p => p.Later, p => p.Earlier, StringComparer.Ordinal);
        var trained = new Dictionary<string, OutcomeResult>(StringComparer.Ordinal);
        var served = new Dictionary<string, Func<DataTable, double[]>>(StringComparer.Ordinal);
        foreach (var outcome in FunnelOrder.Of(schema.Outcomes, earlierOf))
        {
            cancellation.ThrowIfCancellationRequested();
            var earlier = earlierOf.TryGetValue(outcome, out var name) ? trained[name] : null;
            trained[outcome] = TrainOutcome(table, outcome, labels, earlier, split, screened, rulePoints, ruleStages, served, cancellation);
        }
        var results = schema.Outcomes.Select(o => trained[o]).ToList();
        Progress?.Invoke("Held-out leads and field distributions", 0);
        var holdout = HoldoutCollector.Collect(table, schema, split, labels, results, rulePoints, ruleStages, options.Rules is not null);
        var nesting = pairs.Select(pair =>
        {
            var earlier = trained[pair.Earlier].HoldoutProbabilities;
            var later = trained[pair.Later];
            return new NestedOutcomes(pair.Earlier, pair.Later, pair.Declared, pair.Contradicting, split.Test.Length,
                earlier is null || later.HoldoutProbabilities is null ? null : FunnelNesting.OutOfOrder(earlier, later.HoldoutProbabilities))
            {
                Chained = later.ConditionalOn is not null, NotChainedReason = later.NotChainedReason,
                ConditionalFitLeads = later.ConditionalOn is null ? null : later.Training?.TrainingRows, ConditionalTest = later.ConditionalTest,
            };
        }).ToList();
        var trainingIds = schema.Id is { } id && table.Find(id) is { } ids ? TrainingIds.From(ids, split.Fit.Concat(split.Validation)) : null;
        return new BundleTrainingResult(split, results, options.Rules, table.RowCount, holdout, trainingIds)
        {
            Excluded = [.. SchemaExclusions(), .. screened], ReadingNotes = table.ReadingNotes, Nesting = nesting, FieldDistributions = FieldDistributions(table, split, results),
        };
    }

    /// <summary>
    /// How the fields the models read were distributed among the training leads (fit and validation), in name order: what
    /// live drift is measured against. Dates are left out: live leads are always later than the training ones.
    /// </summary>
    private Fields.FieldDistribution[] FieldDistributions(DataTable table, HoldoutSplit split, IReadOnlyList<OutcomeResult> results)
    {
        int[] rows = [.. split.Fit, .. split.Validation];
        Array.Sort(rows);
        var columns = results.Where(r => r.Training is not null).SelectMany(r => r.Training!.Model.Pipeline.Columns.Select(c => c.Column)).Distinct()
            .Order(StringComparer.Ordinal).Select(name => table.Find(name)).OfType<DataColumn>().Where(c => c.Kind != ColumnKind.DateTime).ToArray();
        var distributions = new Fields.FieldDistribution[columns.Length];
        Parallel.For(0, columns.Length, new ParallelOptions { MaxDegreeOfParallelism = options.Model.Boosting.Threads },
            i => distributions[i] = Fields.FieldDistribution.Of(columns[i], rows));
        return distributions;
    }

    /// <summary>
    /// Trains one outcome. When it nests in <c>earlier</c> (already trained), a model serves both and enough of the earlier
    /// outcome's leads go on to this one, its model learns P(outcome | earlier) from them and is served times P(earlier).
    /// <c>served</c> holds each trained outcome's served probabilities of a table's rows; this outcome's is added.
    /// </summary>
    private OutcomeResult TrainOutcome(DataTable table, string outcome, Dictionary<string, double[]> allLabels, OutcomeResult? earlier, HoldoutSplit split,
        IReadOnlyList<ExcludedColumn> screened, double[] rulePoints, FunnelStage[] ruleStages, Dictionary<string, Func<DataTable, double[]>> served,
        CancellationToken cancellation)
    {
        var labels = allLabels[outcome];
        var (stage, stageGuessed) = options.Schema.StageOf(outcome);
        var positives = labels.LongCount(v => v == 1);
        var negatives = labels.LongCount(v => v == 0);
        var (conditionalOn, notChained) = Conditioning(outcome, labels, earlier, allLabels, split, positives, negatives);
        var reached = conditionalOn is null ? null : allLabels[conditionalOn];
        var fitRows = reached is null ? split.Fit : [.. split.Fit.Where(r => reached[r] == 1)];
        var validationRows = reached is null ? split.Validation : [.. split.Validation.Where(r => reached[r] == 1)];
        var candidates = table.Columns.Select(c => c.Name).Except(NotFeatures()).Except(screened.Select(s => s.Column)).ToList();
        Progress?.Invoke($"Scanning for leaks ({outcome})", 0);
        var leakage = LeakageScanner.Scan(table, candidates, labels, fitRows, options.LeakageThreshold, options.Model.Boosting.Seed, options.Model.Boosting.Threads);
        var suspects = leakage.Where(f => f.Suspect).Select(f => f.Column).ToList();
        var excluded = suspects.Except(options.Keep).ToList();
        var kept = suspects.Intersect(options.Keep).ToList();

        var test = split.Test.Where(r => !double.IsNaN(labels[r])).ToArray();
        var testLabels = test.Select(r => labels[r]).ToArray();
        var (rulesTest, pointsAuc, pointsCalibration) = EvaluateRules(split, labels, test, testLabels, rulePoints);
        var rulesCurves = pointsCalibration is null ? null : Curve([.. test.Select(r => rulePoints[r])], testLabels);

        if (positives < options.MinimumPerClass || negatives < options.MinimumPerClass)
        {
            return new OutcomeResult
            {
                Label = outcome, Stage = stage, StageGuessed = stageGuessed, Source = OutcomeSource.Rules, Positives = positives, Negatives = negatives, Leakage = leakage, Excluded = excluded,
                KeptSuspects = kept, RulesTest = rulesTest, RulesPointsAuc = pointsAuc, RulesCalibration = pointsCalibration, RulesCurves = rulesCurves,
                Reason = $"only {positives} positive and {negatives} negative leads; a model needs at least {options.MinimumPerClass} of each, so the points rules serve this outcome",
                NotChainedReason = notChained,
            };
        }

        var modelOptions = options.Model with
        {
            Label = outcome,
            IdColumn = options.Schema.Id,
            Ignore = [.. NotFeatures().Where(c => c != outcome).Concat(excluded).Concat(screened.Select(s => s.Column)).Distinct()],
            MissingTokens = options.Schema.Missing,
        };
        var trainer = new ModelTrainer(modelOptions) { Progress = (step, fraction) => Progress?.Invoke($"{step} ({outcome})", fraction) };
        var training = trainer.Train(table, fitRows, validationRows, cancellation);
        var model = training.Model;
        Func<DataTable, double[]> probabilities = conditionalOn is null
            ? rows => model.PredictProbabilities(rows, options.Model.Boosting.Threads)
            : rows => Times(served[conditionalOn](rows), model.PredictProbabilities(rows, options.Model.Boosting.Threads));
        served[outcome] = probabilities;
        if (conditionalOn is not null && model.ModelFile is { } conditionalFile && earlier!.Training!.Model.ModelFile is { } earlierFile)
            training = training with { Model = model.WithChainedModelFile(ModelFile.Chain(earlierFile, conditionalFile)) };
        var testRows = table.Select(split.Test);
        var ownProbabilities = model.PredictProbabilities(testRows, options.Model.Boosting.Threads);
        var holdoutProbabilities = conditionalOn is null ? ownProbabilities : Times(earlier!.HoldoutProbabilities!, ownProbabilities);
        var testProbabilities = split.Test.Select((r, i) => (r, i)).Where(x => !double.IsNaN(labels[x.r])).Select(x => holdoutProbabilities[x.i]).ToArray();
        var conditionalTest = reached is null ? null : ConditionalTest(split.Test, ownProbabilities, labels, reached);
        Progress?.Invoke($"Fit and engagement ({outcome})", 0);
        var fitEngagement = FitEngagementTrainer.Train(table, options.Schema, modelOptions, model, labels, split, Progress, cancellation);
        var accountColumn = options.Schema.AccountId is { } column && table.Find(column) is not null ? column : null;
        if (accountColumn is not null)
            Progress?.Invoke($"Account model ({outcome})", 0);
        var account = accountColumn is not null
            ? AccountTrainer.Train(table, accountColumn, options.Schema.CreatedAt, outcome, labels, split, model.Pipeline, probabilities, options.Rules, options.Model,
                options.MinimumPerClass, cancellation)
            : null;
        var workload = options.Rules is null ? null
            : WorkloadComparisons.Compute(testProbabilities, [.. test.Select(r => ruleStages[r].Reached(FunnelStage.Mql))], testLabels);
        return new OutcomeResult
        {
            Label = outcome, Stage = stage, StageGuessed = stageGuessed, Source = OutcomeSource.Model, Positives = positives, Negatives = negatives, Training = training,
            ModelTest = ClassifierEvaluation.Compute(testProbabilities, testLabels), RulesTest = rulesTest, RulesPointsAuc = pointsAuc,
            RulesCalibration = pointsCalibration, Workload = workload, Leakage = leakage, Excluded = excluded, KeptSuspects = kept,
            ModelCurves = Curve(testProbabilities, testLabels), RulesCurves = rulesCurves, Account = account, ScoreDeciles = Deciles(testProbabilities),
            HoldoutProbabilities = holdoutProbabilities, ConditionalOn = conditionalOn, NotChainedReason = notChained, ConditionalTest = conditionalTest,
            FitEngagement = fitEngagement,
        };
    }

    /// <summary>
    /// Whether <paramref name="outcome"/> is learned among the leads that reached <paramref name="earlier"/> (returned as its
    /// name), or why not: the earlier outcome must be served by a model, and enough of its leads must go on and not go on.
    /// </summary>
    private (string? ConditionalOn, string? NotChainedReason) Conditioning(string outcome, double[] labels, OutcomeResult? earlier,
        Dictionary<string, double[]> allLabels, HoldoutSplit split, long positives, long negatives)
    {
        if (earlier is null)
            return (null, null);
        if (positives < options.MinimumPerClass || negatives < options.MinimumPerClass)
            return (null, $"the points rules serve {outcome}");
        if (earlier.Source != OutcomeSource.Model)
            return (null, $"the points rules serve {earlier.Label}, so {outcome} is modelled on all leads");
        var reached = allLabels[earlier.Label];
        int Count(int[] rows, double value) => rows.Count(r => reached[r] == 1 && labels[r] == value);
        var (fitOn, fitOff) = (Count(split.Fit, 1), Count(split.Fit, 0));
        var (validationOn, validationOff) = (Count(split.Validation, 1), Count(split.Validation, 0));
        if (fitOn + validationOn < options.MinimumPerClass || fitOff + validationOff < options.MinimumPerClass || Math.Min(Math.Min(fitOn, fitOff), Math.Min(validationOn, validationOff)) == 0)
        {
            return (null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"of the fit and validation leads that reached {earlier.Label}, {fitOn + validationOn:N0} reached {outcome} and {fitOff + validationOff:N0} did not; ")
                + $"learning {outcome} among them needs at least {options.MinimumPerClass} of each (and some of each in both parts), so {outcome} is modelled on all leads and its order is not guaranteed");
        }
        return (earlier.Label, null);
    }

    /// <summary>P(outcome | earlier) on the test leads that reached the earlier outcome; null unless both classes are among them.</summary>
    private static ClassifierEvaluation? ConditionalTest(int[] test, double[] conditional, double[] labels, double[] reached)
    {
        var rows = Enumerable.Range(0, test.Length).Where(i => reached[test[i]] == 1 && !double.IsNaN(labels[test[i]])).ToArray();
        var rowLabels = rows.Select(i => labels[test[i]]).ToArray();
        return rowLabels.Distinct().Count() < 2 ? null : ClassifierEvaluation.Compute(rows.Select(i => conditional[i]).ToArray(), rowLabels);
    }

    private static double[] Times(IReadOnlyList<double> first, double[] second) =>
        [.. Enumerable.Range(0, first.Count).Select(i => first[i] * second[i])];

    /// <summary>The columns the schema (or flags) keeps out of the models; the baseline score is a feature only when kept with --keep.</summary>
    private IEnumerable<string> NotFeatures() =>
        options.Schema.NonFeatureColumns().Where(c => !(c == options.Schema.BaselineScore && options.Keep.Contains(c)));

    /// <summary>The columns the schema (or flags) keeps out of the models, with the role that does it.</summary>
    private IEnumerable<ExcludedColumn> SchemaExclusions()
    {
        var schema = options.Schema;
        var roles = new List<(string? Column, string Reason)> { (schema.Id, "the lead id"), (schema.AccountId, "the account id") };
        if (!options.Keep.Contains(schema.BaselineScore ?? ""))
            roles.Add((schema.BaselineScore, "the baseline score the model is compared with (--keep makes it a feature too)"));
        roles.AddRange(schema.Outcomes.Select(o => ((string?)o, "an outcome")));
        roles.AddRange(schema.Ignore.Select(c => ((string?)c, "ignored on request (--ignore or the schema's \"ignore\")")));
        roles.AddRange(schema.AfterContact.Select(c => ((string?)c, "filled in after contact (the schema's \"afterContact\")")));
        return roles.Where(r => r.Column is not null).DistinctBy(r => r.Column).Select(r => new ExcludedColumn(r.Column!, r.Reason));
    }

    private static double[] Deciles(double[] probabilities)
    {
        var sorted = probabilities.Order().ToArray();
        return [.. Enumerable.Range(1, 9).Select(d => Math.Round(sorted[Math.Min(sorted.Length - 1, d * sorted.Length / 10)], 6))];
    }

    private static TestCurves Curve(double[] scores, double[] labels) => new(Curves.Roc(scores, labels), Curves.Gains(scores, labels));

    /// <summary>The rules judged like a model: AUC of the points, and probabilities from an isotonic fit of points on the validation leads.</summary>
    private (ClassifierEvaluation?, double?, Calibrator?) EvaluateRules(HoldoutSplit split, double[] labels, int[] test, double[] testLabels, double[] rulePoints)
    {
        if (options.Rules is null)
            return (null, null, null);
        var validation = split.Validation.Where(r => !double.IsNaN(labels[r])).ToArray();
        var validationLabels = validation.Select(r => labels[r]).ToArray();
        if (validationLabels.Distinct().Count() < 2 || testLabels.Distinct().Count() < 2)
            return (null, null, null);
        var calibration = IsotonicRegression.Fit([.. validation.Select(r => rulePoints[r])], validationLabels);
        var points = test.Select(r => rulePoints[r]).ToArray();
        var probabilities = points.Select(calibration.Probability).ToArray();
        return (ClassifierEvaluation.Compute(probabilities, testLabels), RankingMetrics.RocAuc(points, testLabels), calibration);
    }

    private static void ScoreWithRules(DataTable table, PointsRules rules, HoldoutSplit split, double[] points, FunnelStage[] stages)
    {
        var lead = new TableRow(table);
        foreach (var row in split.Validation.Concat(split.Test))
        {
            lead.Row = row;
            var score = rules.Score(lead);
            points[row] = score.Points;
            stages[row] = score.Stage;
        }
    }
}
