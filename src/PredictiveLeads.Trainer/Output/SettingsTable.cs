using System.Text;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Settings;
using PredictiveLeads.Scoring.Schema;
using PredictiveLeads.Scoring.Training;

namespace PredictiveLeads.Trainer.Output;

/// <summary>The README's table of training settings, written from their declarations.</summary>
public static class SettingsTable
{
    public static string Markdown()
    {
        var model = new TrainingOptions { Label = "" };
        var bundle = new BundleTrainingOptions { Schema = new ExportSchema(), Model = model };
        var table = new StringBuilder("| option | default | allowed | recorded as | what it does |\n|---|---|---|---|---|\n");
        void Rows<TOptions>(IEnumerable<Setting<TOptions>> settings, TOptions defaults)
        {
            foreach (var setting in settings)
                table.Append($"| `{setting.Option}` | {setting.ChoiceIn(defaults) ?? setting.Format(defaults)} | {setting.Range} | `{setting.Key}` | {setting.Description} |\n");
        }
        Rows(ModelSettings.All, model);
        Rows(BundleSettings.All, bundle);
        return table.ToString();
    }
}
