# The scheduler runtime: `scheduler serve` on the task files mounted at /schedules, state in /data,
# the status page and /healthz on port 8080. Build and run (docs/gitops.md has the whole walk):
#   docker build -t scheduler .
#   docker run -d --name scheduler -p 127.0.0.1:8080:8080 \
#     -v scheduler-data:/data -v "$PWD/schedules:/schedules:ro" scheduler
#
# SECURITY: inside a container the server must listen on 0.0.0.0 to be reachable at all, so it is no longer
# protected by being on loopback. Put the page behind your own reverse proxy (TLS, sign-in), publish the port
# on 127.0.0.1 or an internal network only, and set Scheduler__Api__Token if anything outside is to use
# run-now through the API (without a token API writes are refused; the page keeps its antiforgery token).

# htmx for the status page comes from npm (src/Scheduler.Web/package-lock.json); the SDK image has no node.
FROM node:22-bookworm-slim AS web-assets
WORKDIR /web
COPY src/Scheduler.Web/package.json src/Scheduler.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /repo
# Restore from the build settings and project files alone, so a code change does not invalidate the package layer.
# Only the published project's graph is restored: the solution would drag in every test project.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/Scheduler.Definitions/Scheduler.Definitions.csproj src/Scheduler.Definitions/
COPY src/Scheduler.State/Scheduler.State.csproj src/Scheduler.State/
COPY src/Scheduler.Engine/Scheduler.Engine.csproj src/Scheduler.Engine/
COPY src/Scheduler.Web/Scheduler.Web.csproj src/Scheduler.Web/
COPY src/Scheduler/Scheduler.csproj src/Scheduler/
RUN dotnet restore src/Scheduler/Scheduler.csproj
COPY src/ src/
# node_modules is newer than the lock file it was installed from, so the web project's npm step is skipped.
COPY --from=web-assets /web/node_modules src/Scheduler.Web/node_modules
# The release workflow stamps the version and commit that `scheduler --version` prints (.git is not in the context).
ARG VERSION=""
ARG SOURCE_REVISION=""
RUN dotnet publish src/Scheduler/Scheduler.csproj --no-restore -c Release -o /app \
    ${VERSION:+-p:Version=$VERSION} ${SOURCE_REVISION:+-p:SourceRevisionId=$SOURCE_REVISION}

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's non-root user ($APP_UID, 1654) owns /data; a bind-mounted /data must be writable by that uid.
RUN mkdir -p /data /schedules && chown "$APP_UID" /data
USER $APP_UID
VOLUME ["/data", "/schedules"]
# Requests reach the container under whatever name the proxy uses; narrow this with -e AllowedHosts=scheduler.example.com.
ENV AllowedHosts="*"
EXPOSE 8080
# The aspnet:10.0 image (Ubuntu 24.04) has no curl or wget, but it has bash: its /dev/tcp speaks just enough
# HTTP/1.0 to ask /healthz and check for a 200, without adding an HTTP client to the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "scheduler.dll"]
CMD ["serve", "--schedules", "/schedules", "--data", "/data", "--urls", "http://0.0.0.0:8080"]
