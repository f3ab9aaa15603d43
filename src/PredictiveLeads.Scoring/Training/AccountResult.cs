using PredictiveLeads.Learning.Metrics;
using PredictiveLeads.Learning.Models;
using PredictiveLeads.Scoring.Accounts;

namespace PredictiveLeads.Scoring.Training;

/// <summary>
/// An outcome at account level on the test accounts: the account model (trained on aggregated contacts)
/// next to the roll-up of the lead model's probabilities, 1 − Π(1 − pᵢ).
/// </summary>
public sealed record AccountResult(
    AccountFeatureSpec Spec,
    TrainingResult Training,
    int Accounts,
    int TestAccounts,
    ClassifierEvaluation ModelTest,
    ClassifierEvaluation RollupTest);
