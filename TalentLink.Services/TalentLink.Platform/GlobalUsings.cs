global using TalentLink.ServiceDefaults;
