namespace PredictiveLeads.Learning.Boosting;

/// <summary>Reported after each tree: how many trees exist, the validation loss, and the best tree count so far.</summary>
public readonly record struct BoostingProgress(int Trees, int MaxTrees, double? ValidationLoss, int BestTrees);
