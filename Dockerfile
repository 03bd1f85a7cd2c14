# One image recipe for every TalentLink service; the AppHost passes the project to build:
#   docker build --build-arg PROJECT=TalentLink.Services/Auth.API/Auth.API.csproj .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /var/lib/talentlink && chown app /var/lib/talentlink
USER app
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec dotnet $(ls *.runtimeconfig.json | head -n 1 | sed 's/.runtimeconfig.json$/.dll/')"]
