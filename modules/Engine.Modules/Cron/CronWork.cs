namespace Converge.Modules.Cron;

/// <summary>What a cron check computed for its apply: the cron.d file (null for a user crontab), the new text (null: remove the file) and the old.</summary>
public sealed record CronWork(string? File, string? After, string Before);
