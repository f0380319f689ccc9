namespace Converge.Modules.Accounts;

/// <summary>What a user or group name may be: useradd(8)'s default NAME_REGEX, plus upper case and dots as Debian allows.</summary>
public static class AccountNames
{
    public const string Pattern = @"^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$";
}
