global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
global using TalentLink.Offers.Infrastructure;
global using TalentLink.Offers.Model;
global using TalentLink.Offers.Services;
global using TalentLink.ServiceDefaults;
global using TalentLink.Platform;
