using System.Globalization;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Explain;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Rules;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Scoring.Live;

/// <summary>
/// Scores leads one at a time with a loaded bundle, as the API does: probabilities from each outcome's model
/// (or the rules when the bundle says so), reasons from TreeSHAP grouped back to input fields, the points and
/// stage from the rules, and warnings about fields that were unknown or absent. Thread-safe; build one per bundle.
/// </summary>
public sealed class LeadScorer
{
    private const int ReasonsPerSide = 3;
    private readonly ModelBundle _bundle;
    private readonly FieldParser _parser;
    private readonly Dictionary<string, TreeShap> _explainers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _knownFields;
    private readonly IReadOnlyList<string> _modelInputs;

    public LeadScorer(ModelBundle bundle)
    {
        _bundle = bundle;
        _parser = new FieldParser(bundle.Manifest.Missing);
        foreach (var (outcome, model) in bundle.Models)
        {
            if (model.Ensemble is { } ensemble)
                _explainers[outcome] = new TreeShap(ensemble);
        }
        _modelInputs = [.. bundle.Models.Values.SelectMany(m => m.Pipeline.Columns.Select(c => c.Column)).Distinct()];
        _knownFields = [.. BundleScorer.InputColumns(bundle),
            .. new[] { bundle.Manifest.IdColumn, bundle.Manifest.AccountColumn, bundle.Manifest.CreatedAtColumn }.OfType<string>()];
    }

    public ModelBundle Bundle => _bundle;

    /// <summary>Fields the models read, in a stable order.</summary>
    public IReadOnlyList<string> ModelInputs => _modelInputs;

    /// <summary>Scores one lead. Throws <see cref="FieldValueException"/> naming the first field whose value has the wrong type.</summary>
    public LeadScore Score(IReadOnlyDictionary<string, string?> fields, bool explain)
    {
        var warnings = new List<string>();
        var unknown = fields.Keys.Where(f => !_knownFields.Contains(f)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            warnings.Add($"unknown fields ignored: {string.Join(", ", unknown)}");
        var absent = _modelInputs.Where(f => !fields.TryGetValue(f, out var v) || v is null || _parser.IsMissing(v)).ToList();
        if (absent.Count > 0)
            warnings.Add($"missing fields treated as missing: {string.Join(", ", absent)}");

        var source = new DictionaryFields(fields, _parser);
        var rules = _bundle.Rules?.Score(source);
        var outcomes = new List<OutcomeScore>(_bundle.Manifest.Outcomes.Count);
        foreach (var outcome in _bundle.Manifest.Outcomes)
        {
            if (outcome.Source == OutcomeSource.Rules)
            {
                var probability = rules is not null && outcome.RulesCalibration is { } calibration ? calibration.Probability(rules.Points) : double.NaN;
                outcomes.Add(new OutcomeScore(outcome.Label, probability, OutcomeSource.Rules, [], []));
                warnings.Add($"'{outcome.Label}' is scored by the points rules: {outcome.Reason}");
                continue;
            }
            outcomes.Add(ScoreWithModel(outcome.Label, _bundle.Models[outcome.Label], fields, explain));
        }
        return new LeadScore(outcomes, rules, warnings);
    }

    private OutcomeScore ScoreWithModel(string outcome, BinaryModel model, IReadOnlyDictionary<string, string?> fields, bool explain)
    {
        Span<double> features = model.FeatureCount <= 512 ? stackalloc double[model.FeatureCount] : new double[model.FeatureCount];
        if (!model.Pipeline.TryTransformRow(fields, features, out var badField))
        {
            var kind = model.Pipeline.Columns.First(c => c.Column == badField).Kind;
            throw new FieldValueException(badField!, $"expected {FieldParser.Describe(kind)}, found '{fields[badField!]}'");
        }
        var margin = model.PredictMargin(features);
        var probability = model.Calibrator.Probability(margin);
        if (!explain || !_explainers.TryGetValue(outcome, out var explainer))
            return new OutcomeScore(outcome, probability, OutcomeSource.Model, [], []);

        var contributions = new double[model.FeatureCount];
        explainer.Explain(features, contributions);
        var byField = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var f = 0; f < contributions.Length; f++)
        {
            var field = model.Pipeline.Features[f].SourceColumn;
            byField[field] = byField.GetValueOrDefault(field) + contributions[f];
        }
        // Sentences are formatted only for the reasons shown, not for every field.
        Reason Shown(KeyValuePair<string, double> field) => ToReason(outcome, field.Key, fields.GetValueOrDefault(field.Key), field.Value);
        return new OutcomeScore(outcome, probability, OutcomeSource.Model,
            [.. byField.Where(f => Math.Round(f.Value, 6) > 0).OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Take(ReasonsPerSide).Select(Shown)],
            [.. byField.Where(f => Math.Round(f.Value, 6) < 0).OrderBy(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Take(ReasonsPerSide).Select(Shown)]);
    }

    private Reason ToReason(string outcome, string field, string? value, double contribution)
    {
        var shown = value is null || _parser.IsMissing(value) ? null : value;
        var direction = contribution > 0 ? "raises" : "lowers";
        var what = shown is null ? $"{field} is unknown" : $"{field} is {shown}";
        var sentence = string.Create(CultureInfo.InvariantCulture, $"{what}, which {direction} the chance of {outcome} ({contribution:+0.00;-0.00} log-odds)");
        return new Reason(field, shown, Math.Round(contribution, 6), sentence);
    }
}

/// <summary>A field of a lead whose value does not fit the kind the model was trained on.</summary>
public sealed class FieldValueException(string field, string problem) : Exception($"field '{field}': {problem}")
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
