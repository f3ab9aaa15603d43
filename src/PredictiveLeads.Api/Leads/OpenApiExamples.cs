using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Scoring.Bundles;

namespace PredictiveLeads.Api.Leads;

/// <summary>
/// Fills the OpenAPI document with examples built from the model being served: a lead with the model's fields
/// (so Swagger UI's "Try it out" starts from a lead the model understands) and the answer the model really gives
/// it; and documents the API-key header.
/// </summary>
public sealed class OpenApiExamples(ModelHost models, TimeProvider clock) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "PredictiveLeads API";
        document.Info.Description = "MQL/SQL probabilities with reasons, and the rule score and stage side by side. Send your key in the X-Api-Key header.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key" };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
        if (models.Current is not { } model || document.Components.Schemas is not { } schemas)
            return Task.CompletedTask;
        var example = ExampleLead(model, clock.GetUtcNow());
        if (schemas.TryGetValue("LeadScoreRequest", out var request) && request is OpenApiSchema requestSchema)
            requestSchema.Examples = [example];
        if (schemas.TryGetValue("LeadScoreResponse", out var response) && response is OpenApiSchema responseSchema)
            responseSchema.Examples = [ExampleAnswer(model, example)];
        return Task.CompletedTask;
    }

    private static JsonNode ExampleAnswer(ActiveModel model, JsonObject lead)
    {
        var fields = lead["fields"]!.AsObject().ToDictionary(f => f.Key, f => f.Value?.ToString());
        var request = new LeadScoreRequest(lead["id"]?.ToString(), lead["accountId"]?.ToString(), null);
        var answer = model.Leads.Score(model.Leads.Parse(fields), explain: true).ToResponse(model, request);
        return System.Text.Json.JsonSerializer.SerializeToNode(answer, ApiJsonContext.Default.LeadScoreResponse)!;
    }

    private static JsonObject ExampleLead(ActiveModel model, DateTimeOffset now)
    {
        var fields = new JsonObject();
        foreach (var field in ModelInputs.Of(model.Bundle))
        {
            fields[field.Name] = field.Kind switch
            {
                LeadFieldKind.Categorical => field.Levels.Count > 0 ? field.Levels[0] : "",
                LeadFieldKind.Boolean => 1,
                LeadFieldKind.DateTime => now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                _ => 3,
            };
        }
        return new JsonObject { ["id"] = "00Q000000000001", ["accountId"] = "001000000000001", ["fields"] = fields };
    }
}
