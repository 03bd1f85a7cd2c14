global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using TalentLink.Appointments.Infrastructure;
global using TalentLink.Appointments.Model;
global using TalentLink.Appointments.Services;
global using TalentLink.ServiceDefaults;
global using TalentLink.Platform;
global using TalentLink.Data;
