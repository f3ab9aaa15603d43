using System.Globalization;
using System.Security.Claims;
using System.Text;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Learning.Data;
using PredictiveLeads.Scoring.Bundles;

namespace PredictiveLeads.Api.Api;

/// <summary>
/// Bulk scoring with CSV in and out: a header line of training-export field names, one lead per line; the answer
/// has the id (or row number), each outcome's probability and grade, the rule points and stage, and an error
/// column that is empty unless that row could not be scored.
/// </summary>
public static class CsvBatch
{
    public static async Task<IResult> Score(HttpRequest request, ActiveModel model, PredictionLog log, ScoringOptions options, ClaimsPrincipal user)
    {
        var temporary = Path.Combine(Path.GetTempPath(), $"pl-batch-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var file = File.Create(temporary))
                await request.Body.CopyToAsync(file, request.HttpContext.RequestAborted);
            DataTable table;
            try
            {
                table = BundleInput.ReadFields(model.Bundle, temporary);
            }
            catch (DataFormatException e)
            {
                return TypedResults.Problem(statusCode: 400, title: "The CSV body could not be read", detail: e.Message.Replace(temporary, "request body", StringComparison.Ordinal));
            }
            if (table.RowCount > options.BatchLimit)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"has {table.RowCount} leads; at most {options.BatchLimit} per batch"] });
            return Results.Text(Render(table, model, log, options, user), "text/csv", Encoding.UTF8);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Render(DataTable table, ActiveModel model, PredictionLog log, ScoringOptions options, ClaimsPrincipal user)
    {
        var idColumn = table.Find(model.Bundle.Manifest.IdColumn ?? "id") ?? table.Find("id");
        var accountColumn = model.Bundle.Manifest.AccountColumn is { } account ? table.Find(account) : null;
        var outcomes = model.Bundle.Outcomes;
        var csv = new StringBuilder();
        csv.Append(CsvText.Quote(idColumn?.Name ?? "row"));
        foreach (var outcome in outcomes)
            csv.Append(',').Append(CsvText.Quote(outcome + "_probability")).Append(',').Append(CsvText.Quote(outcome + "_grade"));
        csv.Append(",rule_points,rule_stage,error\n");
        for (var row = 0; row < table.RowCount; row++)
        {
            var fields = table.Columns.ToDictionary(c => c.Name, c => c.IsMissing(row) ? null : (string?)c.FormatValue(row));
            var id = idColumn is null ? (row + 1).ToString(CultureInfo.InvariantCulture) : idColumn.FormatValue(row);
            var request = new LeadScoreRequest(idColumn is null ? null : id, accountColumn is null || accountColumn.IsMissing(row) ? null : accountColumn.FormatValue(row), null);
            csv.Append(CsvText.Quote(id));
            try
            {
                var response = model.Leads.Score(fields, explain: false).ToResponse(model, request, options);
                log.Log(response, user);
                foreach (var outcome in response.Outcomes)
                    csv.Append(CultureInfo.InvariantCulture, $",{outcome.Probability:R},{outcome.Grade}");
                csv.Append(CultureInfo.InvariantCulture, $",{response.Rules?.Points},{response.Rules?.Stage},\n");
            }
            catch (Scoring.Live.FieldValueException e)
            {
                csv.Append(string.Concat(Enumerable.Repeat(",,", outcomes.Count))).Append(",,").Append(CsvText.Quote(e.Message)).Append('\n');
            }
        }
        return csv.ToString();
    }
}
