using PredictiveLeads.Learning.Data;
using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Learning.Preprocessing;
using PredictiveLeads.Learning.Training;
using PredictiveLeads.Scoring.Accounts;
using PredictiveLeads.Scoring.Rules;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// Trains the account-level model of one outcome: an account reached the outcome when any of its contacts did.
/// An account belongs to a part of the split only when all its contacts do; accounts whose contacts straddle
/// parts are left out, so no test account has a contact the lead model learned from (which would flatter the
/// roll-up of lead probabilities) and no fit account's outcome comes from the future.
/// </summary>
public static class AccountTrainer
{
    public static AccountResult? Train(DataTable leads, string accountColumn, string? createdAt, string outcome, double[] labels, HoldoutSplit split,
        FeaturePipeline leadPipeline, Func<DataTable, double[]> servedLeadProbabilities, PointsRules? rules, TrainingOptions options, int minimumPerClass, CancellationToken cancellation)
    {
        var part = new int[leads.RowCount];
        foreach (var row in split.Validation)
            part[row] = 1;
        foreach (var row in split.Test)
            part[row] = 2;
        var accounts = AccountTable.Group(leads, accountColumn, Enumerable.Range(0, leads.RowCount));
        var spec = AccountTable.SpecFor(leadPipeline, createdAt);
        var asOfDay = createdAt is not null && leads.Find(createdAt) is NumericColumn dates ? dates.Values.Where(d => !double.IsNaN(d)).DefaultIfEmpty(0).Max() : 0;
        var table = AccountTable.Build(leads, accounts, spec, rules, outcome, labels, asOfDay);
        var accountLabels = ((NumericColumn)table[outcome]).Values;
        var positives = accountLabels.Count(v => v == 1);
        var negatives = accountLabels.Count(v => v == 0);
        if (positives < minimumPerClass || negatives < minimumPerClass)
            return null;

        var accountPart = accounts.Select(a => a.Rows.All(r => part[r] == part[a.Rows[0]]) ? part[a.Rows[0]] : -1).ToArray();
        int[] Rows(int p) => [.. Enumerable.Range(0, accounts.Count).Where(a => accountPart[a] == p)];
        var fit = Rows(0);
        var validation = Rows(1);
        var test = Rows(2).Where(a => !double.IsNaN(accountLabels[a])).ToArray();
        var testLabels = test.Select(a => accountLabels[a]).ToArray();
        if (testLabels.Distinct().Count() < 2 || validation.Select(a => accountLabels[a]).Where(v => !double.IsNaN(v)).Distinct().Count() < 2)
            return null;

        var training = new ModelTrainer(options with { Label = outcome, IdColumn = null, Ignore = [], MissingTokens = [] }).Train(table, fit, validation, cancellation);
        var accountProbabilities = training.Model.PredictProbabilities(table.Select(test), options.Boosting.Threads);

        var testLeadRows = test.SelectMany(a => accounts[a].Rows).ToArray();
        var leadProbabilities = servedLeadProbabilities(leads.Select(testLeadRows));
        var probabilityOfRow = new Dictionary<int, double>(testLeadRows.Length);
        for (var i = 0; i < testLeadRows.Length; i++)
            probabilityOfRow[testLeadRows[i]] = leadProbabilities[i];
        var rollup = test.Select(a => ContactRollup.AnyContact(accounts[a].Rows.Select(row => probabilityOfRow[row]))).ToArray();

        return new AccountResult(spec, training, accounts.Count, test.Length,
            ClassifierEvaluation.Compute(accountProbabilities, testLabels), ClassifierEvaluation.Compute(rollup, testLabels));
    }
}
