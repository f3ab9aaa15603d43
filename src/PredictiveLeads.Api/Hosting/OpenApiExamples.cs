using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PredictiveLeads.Learning.Data;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Fills the OpenAPI document with a request example built from the fields of the model being served, so
/// Swagger UI's "Try it out" starts from a lead the model understands, and documents the API-key header.
/// </summary>
public sealed class OpenApiExamples(ModelHost models) : IOpenApiDocumentTransformer
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
        if (models.Current is { } model && document.Components.Schemas?.TryGetValue("LeadScoreRequest", out var schema) == true && schema is OpenApiSchema lead)
            lead.Examples = [ExampleLead(model)];
        return Task.CompletedTask;
    }

    private static JsonObject ExampleLead(ActiveModel model)
    {
        var fields = new JsonObject();
        foreach (var column in model.Bundle.Models.Values.SelectMany(m => m.Pipeline.Columns).DistinctBy(c => c.Column))
        {
            fields[column.Column] = column.Kind switch
            {
                ColumnKind.Categorical => column.Levels.Count > 0 ? column.Levels[0] : "",
                ColumnKind.Boolean => 1,
                ColumnKind.DateTime => DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                _ => 3,
            };
        }
        return new JsonObject { ["id"] = "00Q000000000001", ["accountId"] = "001000000000001", ["fields"] = fields };
    }
}
