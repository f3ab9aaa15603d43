using System.Globalization;
using System.Security.Claims;
using System.Text;
using PredictiveLeads.Api.Contracts;
using PredictiveLeads.Api.Hosting;
using PredictiveLeads.Api.Storage;
using PredictiveLeads.Scoring.Bundles;
using PredictiveLeads.Scoring.Recording;

namespace PredictiveLeads.Api.Leads;

/// <summary>
/// Bulk scoring with CSV in and out: a header line of training-export field names, one lead per line; the answer
/// has the id (or row number), each outcome's probability, grade and change since the lead's previous scoring, the
/// rule points and stage, and an error column that is empty unless that row could not be scored.
/// </summary>
public static class CsvBatch
{
    /// <summary>Where bodies wait to be read: a folder of this process's own (mode 700), not the shared temporary folder.</summary>
    private static readonly Lazy<string> PrivateFolder = new(() => Directory.CreateTempSubdirectory("predictiveleads-").FullName);

    public static async Task<IResult> Score(HttpRequest request, ActiveModel model, ScoringRounds rounds, ScoringOptions options, ClaimsPrincipal user)
    {
        var temporary = Path.Combine(PrivateFolder.Value, $"batch-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var file = File.Create(temporary))
                await request.Body.CopyToAsync(file, request.HttpContext.RequestAborted);
            var (leads, problem) = LeadCsv.TryRead(model.Bundle, temporary);
            if (leads is null)
                return TypedResults.Problem(statusCode: 400, title: "The CSV body could not be read", detail: problem!.Replace(temporary, "request body", StringComparison.Ordinal));
            if (leads.Rows.Count > options.BatchLimit)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"has {leads.Rows.Count} leads; at most {options.BatchLimit} per batch"] });
            var idColumn = leads.FindColumn(model.Bundle.Manifest.IdColumn ?? "id", "id");
            var round = await rounds.StartAsync(model, idColumn is null ? [] : leads.Rows.Select(r => r[idColumn]), explained: false, user, request.HttpContext.RequestAborted);
            var csv = Render(leads, model, round);
            await round.CommitAsync(request.HttpContext.RequestAborted);
            return Results.Text(csv, "text/csv", Encoding.UTF8);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Render(LeadRows leads, ActiveModel model, ScoringRound round)
    {
        var idColumn = leads.FindColumn(model.Bundle.Manifest.IdColumn ?? "id", "id");
        var accountColumn = leads.FindColumn(model.Bundle.Manifest.AccountColumn);
        var outcomes = model.Bundle.Outcomes;
        var csv = new StringBuilder();
        csv.Append(LeadCsv.QuoteText(idColumn ?? "row"));
        foreach (var outcome in outcomes)
            csv.Append(',').Append(LeadCsv.QuoteText(outcome + "_probability")).Append(',').Append(LeadCsv.QuoteText(outcome + "_grade"))
                .Append(',').Append(LeadCsv.QuoteText(outcome + "_change"));
        csv.Append(",rule_points,rule_stage,error\n");
        for (var row = 0; row < leads.Rows.Count; row++)
        {
            var fields = leads.Rows[row];
            var id = idColumn is null ? (row + 1).ToString(CultureInfo.InvariantCulture) : fields[idColumn] ?? "";
            var request = new LeadScoreRequest(idColumn is null ? null : id, accountColumn is null ? null : fields[accountColumn], null);
            var idProblems = new[] { (idColumn, StoredText.IdProblem(request.Id)), (accountColumn, StoredText.IdProblem(request.AccountId)) }
                .Where(p => p.Item2 is not null).Select(p => $"field '{p.Item1}': {p.Item2}").ToList();
            csv.Append(StoredText.IdProblem(request.Id) is null ? LeadCsv.QuoteText(id) : "");
            var lead = model.Leads.Parse(fields);
            if (!lead.IsValid || idProblems.Count > 0)
            {
                var problems = string.Join("; ", idProblems.Concat(lead.Problems.Select(p => $"field '{p.Field}': {p.Problem}")));
                csv.Append(string.Concat(Enumerable.Repeat(",,,", outcomes.Count))).Append(",,").Append(LeadCsv.QuoteText(problems)).Append('\n');
                continue;
            }
            var score = model.Leads.Score(lead, explain: false);
            var response = score.ToResponse(model, request, round.Previous.Of(request.Id));
            round.Add(response, score);
            foreach (var outcome in response.Outcomes)
                csv.Append(CultureInfo.InvariantCulture, $",{outcome.Probability:R},{outcome.Grade},{outcome.Change?.Probability:R}");
            csv.Append(CultureInfo.InvariantCulture, $",{response.Rules?.Points},{response.Rules?.Stage},\n");
        }
        return csv.ToString();
    }
}
