using Converge.Modules.Tests.Common;
using Converge.Modules.Uri;

namespace Converge.Modules.Tests.Uri;

/// <summary>uri's <c>status_code</c> is a list of numbers; Ansible's list type also takes them as one comma-separated string.</summary>
public sealed class UriParamsTests
{
    [Fact]
    public void Status_codes_written_as_one_comma_separated_string_are_a_list_as_in_Ansible()
    {
        var parameters = ValidationProbe.Bind(new UriModule(), "{url: 'http://127.0.0.1/cli/', status_code: '200,403'}");

        Assert.Equal([200, 403], parameters.StatusCode);
    }

    [Fact]
    public void A_status_code_that_is_no_number_is_a_located_problem_not_a_crash()
    {
        var problems = ValidationProbe.Problems(new UriModule(), "{url: 'http://127.0.0.1/', status_code: '200,ok'}");

        Assert.Equal("uri.status_code[] must be a whole number, not 'ok'", Assert.Single(problems));
    }
}
