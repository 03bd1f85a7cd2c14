using TalentLink.Data;

namespace TalentLink.Appointments.Infrastructure;

/// <summary>Interview appointments, their slots, participants' held times and time zones (appointment.db).</summary>
[ServiceDatabase(ResourceNames.AppointmentDb)]
public abstract class AppointmentContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<AppointmentSlot> Slots => Set<AppointmentSlot>();

    public DbSet<BusyTime> BusyTimes => Set<BusyTime>();

    public DbSet<UserTimeZone> UserTimeZones => Set<UserTimeZone>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppointmentContext).Assembly);
}

/// <summary>The SQLite flavour; owns Migrations/Sqlite (with the no-overlap trigger).</summary>
public sealed class SqliteAppointmentContext(DbContextOptions<SqliteAppointmentContext> options) : AppointmentContext(options);

/// <summary>The PostgreSQL flavour; owns Migrations/Postgres (with the btree_gist exclusion constraint).</summary>
public sealed class PostgresAppointmentContext(DbContextOptions<PostgresAppointmentContext> options) : AppointmentContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("btree_gist");
    }
}

public sealed class SqliteAppointmentContextFactory : SqliteDesignTimeFactory<SqliteAppointmentContext>;

public sealed class PostgresAppointmentContextFactory : PostgresDesignTimeFactory<PostgresAppointmentContext>;
