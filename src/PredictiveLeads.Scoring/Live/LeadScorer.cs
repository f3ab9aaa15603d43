using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Explain;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Bundles;

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
    private readonly RowParser _parser;
    private readonly Dictionary<string, ColumnKind> _fieldKinds;
    private readonly Dictionary<string, TreeShap> _explainers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldGrouping> _fieldsOfFeatures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (FitEngagement.GroupScorer? Fit, FitEngagement.GroupScorer? Engagement)> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<string> _knownFields;
    private readonly IReadOnlyList<string> _modelInputs;
    private readonly RowFields _modelInputValues;

    public LeadScorer(ModelBundle bundle)
    {
        _bundle = bundle;
        _fieldKinds = FieldKinds(bundle);
        _parser = new RowParser(_fieldKinds, bundle.Manifest.Missing, bundle.Manifest.ValueFormatsByColumn());
        foreach (var (outcome, model) in bundle.Models)
        {
            if (model.Ensemble is { } ensemble)
                _explainers[outcome] = new TreeShap(ensemble);
            _fieldsOfFeatures[outcome] = FieldGrouping.Of(model);
        }
        foreach (var outcome in bundle.Manifest.Outcomes)
            _groups[outcome.Label] = (FitEngagement.GroupScorer.For(bundle.GroupModels, outcome.Fit), FitEngagement.GroupScorer.For(bundle.GroupModels, outcome.Engagement));
        _modelInputs = [.. bundle.Models.Values.SelectMany(m => m.Pipeline.Columns.Select(c => c.Column)).Distinct()];
        _modelInputValues = new RowFields(_modelInputs);
        _knownFields = [.. BundleScorer.InputColumns(bundle),
            .. new[] { bundle.Manifest.IdColumn, bundle.Manifest.AccountColumn, bundle.Manifest.CreatedAtColumn, bundle.Manifest.OwnerColumn }.OfType<string>()];
    }

    public ModelBundle Bundle => _bundle;

    /// <summary>Fields the models read, in a stable order.</summary>
    public IReadOnlyList<string> ModelInputs => _modelInputs;

    /// <summary>
    /// Parses a lead given as field name → text, once, by the kinds the bundle's models were trained on (and a date for
    /// the contacts' creation time when an account model reads it). Every field that does not fit is in its problems.
    /// </summary>
    /// <param name="fields">Field name → text, written as in the training export (decimal commas, day-first dates...) or in the standard way.</param>
    /// <param name="plainNumbers">Fields given as numbers (such as JSON numbers): read with a decimal point whatever the export wrote.</param>
    public ParsedRow Parse(IReadOnlyDictionary<string, string?> fields, IReadOnlySet<string>? plainNumbers = null) => _parser.Parse(fields, plainNumbers);

    /// <summary>
    /// Each outcome's probability of a lead parsed by <see cref="Parse"/>, in the bundle's order, and nothing else (no
    /// reasons, grades or warnings): what a challenger computes in the shadow of the served version.
    /// </summary>
    public IReadOnlyList<(string Outcome, double Probability)> Probabilities(ParsedRow lead)
    {
        var rules = _bundle.Manifest.Outcomes.Any(o => o.Source == OutcomeSource.Rules) ? _bundle.Rules?.Score(lead) : null;
        var probabilities = new Dictionary<string, double>(_bundle.Manifest.Outcomes.Count, StringComparer.Ordinal);
        foreach (var outcome in _bundle.ScoringOrder)
        {
            var probability = outcome.Source == OutcomeSource.Rules
                ? rules is not null && outcome.RulesCalibration is { } calibration ? calibration.Probability(rules.Points) : double.NaN
                : ScoreWithModel(outcome, _bundle.Models[outcome.Label], lead, explain: false, outcome.ConditionalOn is { } earlier ? probabilities[earlier] : 1).Probability;
            probabilities[outcome.Label] = outcome.Source == OutcomeSource.Rules && outcome.ConditionalOn is { } before ? probabilities[before] * probability : probability;
        }
        return [.. _bundle.Manifest.Outcomes.Select(o => (o.Label, probabilities[o.Label]))];
    }

    /// <summary>
    /// Each outcome's probability of the lead another version scored as <paramref name="scored"/> (as <see cref="Probabilities"/>): its
    /// parsed fields as they are when <paramref name="sameParsing"/> (see <see cref="ParsesLike"/>), else its texts parsed again.
    /// Null when there is no lead or this version cannot read it.
    /// </summary>
    public IReadOnlyList<(string Outcome, double Probability)>? ProbabilitiesOf(LeadScore scored, bool sameParsing)
    {
        if (scored.Lead is not { } lead)
            return null;
        var parsed = sameParsing ? lead : Parse(lead.Texts);
        return parsed.IsValid ? Probabilities(parsed) : null;
    }

    /// <summary>Whether a lead parsed by <paramref name="other"/> reads the same here: the same fields and kinds, missing tokens and value formats.</summary>
    public bool ParsesLike(LeadScorer other) =>
        _fieldKinds.Count == other._fieldKinds.Count && _fieldKinds.All(k => other._fieldKinds.TryGetValue(k.Key, out var kind) && kind == k.Value)
        && _bundle.Manifest.Missing.SequenceEqual(other._bundle.Manifest.Missing)
        && (_bundle.Manifest.Formats ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal)
            .SequenceEqual((other._bundle.Manifest.Formats ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal));

    /// <summary>
    /// Scores one lead parsed by <see cref="Parse"/>; a lead with problems is refused: report them instead. An outcome served
    /// through an earlier one gets P(earlier) × its model's P(outcome | earlier), and reasons that explain the latter.
    /// </summary>
    public LeadScore Score(ParsedRow lead, bool explain)
    {
        if (!lead.IsValid)
            throw new ArgumentException($"the lead has invalid fields: {string.Join("; ", lead.Problems.Select(p => $"{p.Field} {p.Problem}"))}", nameof(lead));
        var warnings = new List<string>();
        List<string>? unknown = null;
        // Every field the parser has a kind for is read by a model or the rules; only the others can be unknown.
        foreach (var field in lead.FieldsWithoutKind)
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
        var inputs = _modelInputValues.Of(lead);
        for (var i = 0; i < _modelInputs.Count; i++)
        {
            if (inputs[i].IsMissing)
                (absent ??= []).Add(_modelInputs[i]);
        }
        if (absent is not null)
            warnings.Add($"missing fields treated as missing: {string.Join(", ", absent)}");

        var rules = _bundle.Rules?.Score(lead);
        var scored = new Dictionary<string, OutcomeScore>(_bundle.Manifest.Outcomes.Count, StringComparer.Ordinal);
        foreach (var outcome in _bundle.ScoringOrder)
        {
            if (outcome.Source == OutcomeSource.Rules)
            {
                var probability = rules is not null && outcome.RulesCalibration is { } calibration ? calibration.Probability(rules.Points) : double.NaN;
                scored[outcome.Label] = new OutcomeScore(outcome.Label, probability, OutcomeSource.Rules, [], []);
                warnings.Add($"'{outcome.Label}' is scored by the points rules: {outcome.Reason}");
                continue;
            }
            var (fit, engagement) = _groups[outcome.Label];
            var through = outcome.ConditionalOn is { } earlier ? scored[earlier].Probability : 1;
            scored[outcome.Label] = ScoreWithModel(outcome, _bundle.Models[outcome.Label], lead, explain, through, fit?.Grade(lead), engagement?.Grade(lead));
        }
        var outcomes = new List<OutcomeScore>(scored.Count);
        foreach (var outcome in _bundle.Manifest.Outcomes)
            outcomes.Add(scored[outcome.Label]);
        return new LeadScore(outcomes, rules, warnings)
        {
            Explained = explain,
            Lead = lead,
            Segment = FilterValue(lead, _bundle.Manifest.SegmentColumn, "segment", warnings),
            Owner = FilterValue(lead, _bundle.Manifest.OwnerColumn, "owner", warnings),
        };
    }

    /// <summary>The lead's text of a field the log keeps for the worklist's filters; one it cannot keep is left out with a warning.</summary>
    private static string? FilterValue(ParsedRow lead, string? field, string role, List<string> warnings)
    {
        if (field is null || lead.Texts.GetValueOrDefault(field) is not { Length: > 0 } text)
            return null;
        if (Recording.StoredText.IdProblem(text) is { } problem)
        {
            warnings.Add($"the {role} field '{field}' {problem}, so it is not kept for the worklist's {role} filter");
            return null;
        }
        return text;
    }

    /// <summary>The kind each field is parsed as: what the models were trained on, and a date for an account model's contact creation time.</summary>
    private static Dictionary<string, ColumnKind> FieldKinds(ModelBundle bundle)
    {
        var kinds = new Dictionary<string, ColumnKind>(BundleScorer.ColumnKinds(bundle), StringComparer.Ordinal);
        foreach (var outcome in bundle.Manifest.Outcomes)
        {
            if (outcome.AccountFeatures?.CreatedAt is { } createdAt)
                kinds.TryAdd(createdAt, ColumnKind.DateTime);
        }
        return kinds;
    }

    /// <summary>
    /// An outcome scored by its model; <paramref name="through"/> is the probability of the outcome it is served through (1 when
    /// none), <paramref name="fit"/> and <paramref name="engagement"/> its grades when the bundle grades them.
    /// </summary>
    private OutcomeScore ScoreWithModel(BundleOutcome scored, BinaryModel model, ParsedRow lead, bool explain, double through, int? fit = null, int? engagement = null)
    {
        var outcome = scored.Label;
        Span<double> features = model.FeatureCount <= 512 ? stackalloc double[model.FeatureCount] : new double[model.FeatureCount];
        model.Pipeline.Transform(lead, features);
        var margin = model.PredictMargin(features);
        var probability = scored.ConditionalOn is null ? model.Calibrator.Probability(margin) : through * model.Calibrator.Probability(margin);
        if (!explain || !_explainers.TryGetValue(outcome, out var explainer))
            return new OutcomeScore(outcome, probability, OutcomeSource.Model, [], []) { ConditionalOn = scored.ConditionalOn, Fit = fit, Engagement = engagement };

        Span<double> contributions = model.FeatureCount <= 512 ? stackalloc double[model.FeatureCount] : new double[model.FeatureCount];
        contributions.Clear();
        explainer.Explain(features, contributions);
        var grouping = _fieldsOfFeatures[outcome];
        Span<double> byField = grouping.Names.Length <= 512 ? stackalloc double[grouping.Names.Length] : new double[grouping.Names.Length];
        byField.Clear();
        for (var f = 0; f < contributions.Length; f++)
            byField[grouping.FieldOf[f]] += contributions[f];
        var explained = scored.ConditionalOn is { } earlier ? $"{outcome} given {earlier}" : outcome;
        return new OutcomeScore(outcome, probability, OutcomeSource.Model,
            Shown(explained, grouping.Names, byField, lead, sign: 1), Shown(explained, grouping.Names, byField, lead, sign: -1))
        {
            ConditionalOn = scored.ConditionalOn,
            Fit = fit,
            Engagement = engagement,
            Contributions = FieldContributions.NonZero(grouping.Names, byField),
        };
    }

    /// <summary>
    /// The fields that pushed the margin most in one direction (<paramref name="sign"/> 1 up, −1 down), strongest first and
    /// ties by name; sentences are formatted only for these, not for every field.
    /// </summary>
    private static Reason[] Shown(string outcome, string[] names, ReadOnlySpan<double> byField, ParsedRow lead, int sign)
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
            reasons[i] = ToReason(outcome, name, lead, byField[strongest[i]]);
        }
        return reasons;
    }

    private static bool Stronger(int a, int b, ReadOnlySpan<double> byField, string[] names, int sign) =>
        sign * byField[a] > sign * byField[b] || (byField[a] == byField[b] && string.CompareOrdinal(names[a], names[b]) < 0);

    /// <summary>A reason shows the field's value as the lead gave it.</summary>
    private static Reason ToReason(string outcome, string field, ParsedRow lead, double contribution)
    {
        var shown = lead[field].IsMissing ? null : lead.Texts.GetValueOrDefault(field);
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
