global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using TalentLink.Messaging.Hubs;
global using TalentLink.Messaging.Infrastructure;
global using TalentLink.Messaging.Model;
global using TalentLink.Messaging.Services;
global using TalentLink.ServiceDefaults;
global using TalentLink.Platform;
