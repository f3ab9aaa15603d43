using Microsoft.AspNetCore.Http.HttpResults;

namespace PredictiveLeads.Api.Hosting;

/// <summary>The answer of every endpoint that needs a model while none is served.</summary>
public static class NoModel
{
    public static ProblemHttpResult Problem(ModelHost models) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No model is being served",
            detail: models.LastError is { } reason ? models.ForClients(reason) : "The model registry has no active version yet.");
}
