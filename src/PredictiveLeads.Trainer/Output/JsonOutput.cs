using System.Text.Json;
using PredictiveLeads.Learning.Serialization;

namespace PredictiveLeads.Trainer.Output;

/// <summary>The JSON style of everything the trainer prints with --json.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Indented = new(ModelSerializer.Json) { WriteIndented = true };
}
