using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PredictiveLeads.Api.Contracts;

namespace PredictiveLeads.Api.Hosting;

/// <summary>
/// Describes a lead's fields as what callers send, an object of field name → scalar value: the type is read by its
/// own converter, which the document generator cannot look into.
/// </summary>
public sealed class LeadFieldsSchema : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(LeadFieldValues))
            return Task.CompletedTask;
        schema.Type = JsonSchemaType.Object;
        schema.Description = "Field name (as in the training export) → value: a number, text, true/false or null.";
        schema.AdditionalProperties = new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Boolean | JsonSchemaType.Null,
        };
        return Task.CompletedTask;
    }
}
