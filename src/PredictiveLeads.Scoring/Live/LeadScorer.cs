using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Explain;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Rules;

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
    private readonly Dictionary<string, FieldGrouping> _fieldsOfFeatures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _knownFields;
    private readonly IReadOnlyList<string> _modelInputs;
    private readonly IReadOnlyList<(string Column, ColumnKind Kind)> _typedInputs;

    public LeadScorer(ModelBundle bundle)
    {
        _bundle = bundle;
        _parser = new FieldParser(bundle.Manifest.Missing);
        foreach (var (outcome, model) in bundle.Models)
        {
            if (model.Ensemble is { } ensemble)
                _explainers[outcome] = new TreeShap(ensemble);
            _fieldsOfFeatures[outcome] = FieldGrouping.Of(model);
        }
        _modelInputs = [.. bundle.Models.Values.SelectMany(m => m.Pipeline.Columns.Select(c => c.Column)).Distinct()];
        _typedInputs = [.. bundle.Models.Values.SelectMany(m => m.Pipeline.Columns)
            .Where(c => c.Kind != ColumnKind.Categorical).DistinctBy(c => c.Column).Select(c => (c.Column, c.Kind))];
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
        List<string>? unknown = null;
        foreach (var field in fields.Keys)
        {
            if (!_knownFields.Contains(field))
                (unknown ??= []).Add(field);
        }
        if (unknown is not null)
        {
            unknown.Sort(StringComparer.Ordinal);
            warnings.Add($"unknown fields ignored: {string.Join(", ", unknown)}");
        }
        List<string>? absent = null;
        foreach (var input in _modelInputs)
        {
            if (!fields.TryGetValue(input, out var value) || value is null || _parser.IsMissing(value))
                (absent ??= []).Add(input);
        }
        if (absent is not null)
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

    /// <summary>Every field whose value does not fit the kind the models were trained on (field → what was expected); empty when all fit.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FieldProblems(IReadOnlyDictionary<string, string?> fields)
    {
        List<KeyValuePair<string, string>>? problems = null;
        foreach (var (column, kind) in _typedInputs)
        {
            if (fields.TryGetValue(column, out var text) && text is not null && !_parser.IsMissing(text) && !_parser.TryParse(kind, text, out _))
                (problems ??= []).Add(new(column, Expected(kind, text)));
        }
        return problems ?? (IReadOnlyList<KeyValuePair<string, string>>)[];
    }

    private static string Expected(ColumnKind kind, string? found) => $"expected {FieldParser.Describe(kind)}, found '{found}'";

    private OutcomeScore ScoreWithModel(string outcome, BinaryModel model, IReadOnlyDictionary<string, string?> fields, bool explain)
    {
        Span<double> features = model.FeatureCount <= 512 ? stackalloc double[model.FeatureCount] : new double[model.FeatureCount];
        if (!model.Pipeline.TryTransformRow(fields, features, out var badField))
        {
            var kind = model.Pipeline.Columns.First(c => c.Column == badField).Kind;
            throw new FieldValueException(badField!, Expected(kind, fields[badField!]));
        }
        var margin = model.PredictMargin(features);
        var probability = model.Calibrator.Probability(margin);
        if (!explain || !_explainers.TryGetValue(outcome, out var explainer))
            return new OutcomeScore(outcome, probability, OutcomeSource.Model, [], []);

        Span<double> contributions = model.FeatureCount <= 512 ? stackalloc double[model.FeatureCount] : new double[model.FeatureCount];
        contributions.Clear();
        explainer.Explain(features, contributions);
        var grouping = _fieldsOfFeatures[outcome];
        Span<double> byField = grouping.Names.Length <= 512 ? stackalloc double[grouping.Names.Length] : new double[grouping.Names.Length];
        byField.Clear();
        for (var f = 0; f < contributions.Length; f++)
            byField[grouping.FieldOf[f]] += contributions[f];
        return new OutcomeScore(outcome, probability, OutcomeSource.Model,
            Shown(outcome, grouping.Names, byField, fields, sign: 1), Shown(outcome, grouping.Names, byField, fields, sign: -1));
    }

    /// <summary>
    /// The fields that pushed the margin most in one direction (<paramref name="sign"/> 1 up, −1 down), strongest first and
    /// ties by name; sentences are formatted only for these, not for every field.
    /// </summary>
    private Reason[] Shown(string outcome, string[] names, ReadOnlySpan<double> byField, IReadOnlyDictionary<string, string?> fields, int sign)
    {
        Span<int> strongest = stackalloc int[ReasonsPerSide];
        var count = 0;
        for (var field = 0; field < byField.Length; field++)
        {
            if (Math.Round(sign * byField[field], 6) <= 0)
                continue;
            var at = count;
            while (at > 0 && Stronger(field, strongest[at - 1], byField, names, sign))
                at--;
            if (at == ReasonsPerSide)
                continue;
            count = Math.Min(count + 1, ReasonsPerSide);
            strongest[at..(count - 1)].CopyTo(strongest[(at + 1)..count]);
            strongest[at] = field;
        }
        var reasons = new Reason[count];
        for (var i = 0; i < count; i++)
        {
            var name = names[strongest[i]];
            reasons[i] = ToReason(outcome, name, fields.GetValueOrDefault(name), byField[strongest[i]]);
        }
        return reasons;
    }

    private static bool Stronger(int a, int b, ReadOnlySpan<double> byField, string[] names, int sign) =>
        sign * byField[a] > sign * byField[b] || (byField[a] == byField[b] && string.CompareOrdinal(names[a], names[b]) < 0);

    private Reason ToReason(string outcome, string field, string? value, double contribution)
    {
        var shown = value is null || _parser.IsMissing(value) ? null : value;
        var sentence = ReasonSentences.For(outcome, field, contribution, shown is null ? FieldValue.Missing : FieldValue.Shown(shown));
        return new Reason(field, shown, Math.Round(contribution, 6), sentence);
    }
}

/// <summary>Which input field each of a model's features comes from (a date's parts, a category's codes), as indexes into <see cref="Names"/>.</summary>
internal sealed record FieldGrouping(string[] Names, int[] FieldOf)
{
    public static FieldGrouping Of(BinaryModel model)
    {
        var sources = model.Pipeline.Features.Select(f => f.SourceColumn).ToList();
        string[] names = [.. sources.Distinct()];
        return new FieldGrouping(names, [.. sources.Select(source => Array.IndexOf(names, source))]);
    }
}

/// <summary>A field of a lead whose value does not fit the kind the model was trained on.</summary>
public sealed class FieldValueException(string field, string problem) : Exception($"field '{field}': {problem}")
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
