using System.Globalization;
using System.Text.Json;

namespace PredictiveLeads.Learning.Settings;

/// <summary>
/// One setting of training, declared once: the key it is recorded under (in the model file and metadata.json), its
/// command-line option, what it means and its allowed range. Its default is what a new options record holds, so the
/// record stays the one place defaults are written.
/// </summary>
public abstract class Setting<TOptions>(string key, string option, string description, string range)
{
    public string Key => key;

    /// <summary>The command-line option, as <c>--learning-rate</c>.</summary>
    public string Option => option;

    public string Description => description;

    /// <summary>The allowed values, in words (as "between 1 and 100000" or "in (0, 1]").</summary>
    public string Range => range;

    public abstract Type ValueType { get; }

    /// <summary>The command-line names of a setting chosen by name (a learner, a calibration method); null for numbers.</summary>
    public abstract IReadOnlyCollection<string>? ChoiceNames { get; }

    /// <summary>The command-line name of the value <paramref name="options"/> hold, for a setting chosen by name.</summary>
    public abstract string? ChoiceIn(TOptions options);

    /// <summary>Sets the value named <paramref name="name"/> (any letter case); false when no choice has that name.</summary>
    public abstract bool TryChoose(TOptions options, string name, out TOptions chosen);

    /// <summary>The value as recorded: invariant text, as <c>0.05</c> or <c>LightGbm</c>.</summary>
    public abstract string Format(TOptions options);

    /// <summary>The value as a JSON value (a number stays a number).</summary>
    public abstract JsonElement ToJson(TOptions options);

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting, its value and its range when the value is outside it.</summary>
    public abstract void Check(TOptions options);
}

/// <summary>A setting holding a <typeparamref name="T"/>.</summary>
/// <remarks>A setting with <see cref="ChoiceNames"/> is given on the command line as one of their names.</remarks>
public sealed class Setting<TOptions, T>(string key, string option, string description, string range,
    Func<TOptions, T> get, Func<TOptions, T, TOptions> set, Func<T, bool> valid, IReadOnlyDictionary<string, T>? choices = null)
    : Setting<TOptions>(key, option, description, range)
    where T : notnull
{
    public override Type ValueType => typeof(T);

    public override IReadOnlyCollection<string>? ChoiceNames => choices?.Keys.ToList();

    public override string? ChoiceIn(TOptions options) =>
        choices?.FirstOrDefault(c => EqualityComparer<T>.Default.Equals(c.Value, get(options))).Key;

    public override bool TryChoose(TOptions options, string name, out TOptions chosen)
    {
        chosen = options;
        var match = choices?.FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase));
        if (match is not { Key: not null } found)
            return false;
        chosen = set(options, found.Value);
        return true;
    }

    public T Get(TOptions options) => get(options);

    public TOptions Set(TOptions options, T value) => set(options, value);

    public override string Format(TOptions options) => Convert.ToString(get(options), CultureInfo.InvariantCulture)!;

    public override JsonElement ToJson(TOptions options) => get(options) switch
    {
        int i => JsonSerializer.SerializeToElement(i),
        double d => JsonSerializer.SerializeToElement(d),
        var other => JsonSerializer.SerializeToElement(Convert.ToString(other, CultureInfo.InvariantCulture)),
    };

    public override void Check(TOptions options)
    {
        // NaN fails every comparison, so a NaN is out of every range.
        var value = get(options);
        if (!valid(value))
            throw new ArgumentException($"{Key} ({Option}) = {Convert.ToString(value, CultureInfo.InvariantCulture)} is out of range; it must be {Range}", Key);
    }
}
