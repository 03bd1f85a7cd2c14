namespace TalentLink.Appointments.Model;

public static class AppointmentLimits
{
    public const int LocationMaxLength = 300;
    public const int ReasonMaxLength = 500;
}
