using System.CommandLine;
using PredictiveLeads.Learning.Settings;

namespace PredictiveLeads.Trainer.Commands;

/// <summary>The command-line options of declared settings (name, description with range, default), and their values read back.</summary>
internal sealed class SettingOptions<TOptions>
{
    private readonly List<(Setting<TOptions> Setting, Option Option)> _options = [];

    public SettingOptions(IEnumerable<Setting<TOptions>> settings, TOptions defaults)
    {
        foreach (var setting in settings)
        {
            var description = $"{setting.Description} ({setting.Range})";
            Option option = setting switch
            {
                { ChoiceNames: not null } => new Option<string>(setting.Option) { Description = description, DefaultValueFactory = _ => setting.ChoiceIn(defaults)! },
                Setting<TOptions, int> number => new Option<int>(setting.Option) { Description = description, DefaultValueFactory = _ => number.Get(defaults) },
                Setting<TOptions, double> number => new Option<double>(setting.Option) { Description = description, DefaultValueFactory = _ => number.Get(defaults) },
                _ => throw new InvalidOperationException($"{setting.Key}: no command-line option for a {setting.ValueType.Name}"),
            };
            _options.Add((setting, option));
        }
    }

    public IEnumerable<Option> Options => _options.Select(o => o.Option);

    public Option this[Setting<TOptions> setting] => _options.First(o => o.Setting == setting).Option;

    /// <summary><paramref name="options"/> with every declared setting as given on the command line (or its default).</summary>
    public TOptions Read(ParseResult parse, TOptions options)
    {
        foreach (var (setting, option) in _options)
        {
            options = (setting, option) switch
            {
                ({ ChoiceNames: not null }, Option<string> text) => setting.TryChoose(options, parse.GetValue(text) ?? "", out var chosen)
                    ? chosen
                    : throw new UsageException($"{setting.Option} must be {setting.Range}, not '{parse.GetValue(text)}'"),
                (Setting<TOptions, int> number, Option<int> value) => number.Set(options, parse.GetValue(value)),
                (Setting<TOptions, double> number, Option<double> value) => number.Set(options, parse.GetValue(value)),
                _ => options,
            };
        }
        return options;
    }
}
