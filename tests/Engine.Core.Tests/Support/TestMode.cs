namespace Converge.Core.Tests.Support;

internal enum TestMode
{
    Present,
    LinuxBridge,
}
