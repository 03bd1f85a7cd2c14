using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TalentLink.Data;

/// <summary>
/// Puts every EF write of a SQLite service through its <see cref="SqliteWriteQueue"/>: a transaction
/// waits for its turn before <c>BEGIN IMMEDIATE</c> and gives it back when it commits, rolls back,
/// fails or its connection closes; a write outside a transaction (EF runs a single-statement
/// <c>SaveChanges</c> or an <c>ExecuteUpdate</c> without one) holds the turn while it executes.
/// Reads never wait: WAL lets them run beside the writer. Transactions' waits reach the lock-wait
/// metric through <see cref="LockWaitInterceptor"/> (registered before this one); single writes'
/// waits are recorded here.
/// </summary>
internal sealed class SqliteWriteQueueInterceptor(SqliteWriteQueue queue)
    : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    private enum Turn { Transaction, Command }

    private readonly ConcurrentDictionary<DbConnection, Turn> _turns = new();

    // Transactions: the turn is taken before BEGIN and held until the transaction ends.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!_turns.ContainsKey(connection))
        {
            queue.Enter();
            _turns[connection] = Turn.Transaction;
        }

        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!_turns.ContainsKey(connection))
        {
            await queue.EnterAsync(cancellationToken);
            _turns[connection] = Turn.Transaction;
        }

        return result;
    }

    // The turn goes back as soon as the transaction ends (EF passes the finished transaction, whose
    // connection is already gone: the context's connection is the key); connection closing is the net.
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => Released(eventData);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => Released(eventData);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) => Released(eventData);

    // Writes outside a transaction: the turn is held while the statement runs.
    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForCommand(command);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterForCommandAsync(command, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ReleaseCommand(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseCommand(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterForCommand(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterForCommandAsync(command, cancellationToken);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        ReleaseCommand(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        ReleaseCommand(command);
        return ValueTask.FromResult(result);
    }

    // A reader (INSERT ... RETURNING) keeps the statement, and so the write lock, until it is closed.
    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForCommand(command);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterForCommandAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        ReleaseCommand(command);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        ReleaseCommand(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        ReleaseCommand(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ReleaseCommand(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseCommand(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ReleaseCommand(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseCommand(command);
        return Task.CompletedTask;
    }

    // The safety net: a transaction disposed without commit or rollback ends when its connection closes.
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(connection);
        return ValueTask.FromResult(result);
    }

    private void EnterForCommand(DbCommand command)
    {
        if (NeedsTurn(command))
        {
            queue.RecordWait(queue.Enter());
            _turns[command.Connection!] = Turn.Command;
        }
    }

    private async ValueTask EnterForCommandAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (NeedsTurn(command))
        {
            queue.RecordWait(await queue.EnterAsync(cancellationToken));
            _turns[command.Connection!] = Turn.Command;
        }
    }

    private bool NeedsTurn(DbCommand command) =>
        command.Transaction is null
        && command.Connection is { } connection
        && !_turns.ContainsKey(connection)
        && SqlStatements.IsWrite(command.CommandText);

    private void ReleaseCommand(DbCommand command)
    {
        if (command.Connection is { } connection && _turns.TryRemove(new KeyValuePair<DbConnection, Turn>(connection, Turn.Command)))
        {
            queue.Exit();
        }
    }

    private void Release(DbConnection connection)
    {
        if (_turns.TryRemove(connection, out _))
        {
            queue.Exit();
        }
    }

    private void Release(TransactionEventData eventData)
    {
        if (eventData.Context?.Database.GetDbConnection() is { } connection)
        {
            Release(connection);
        }
    }

    private Task Released(TransactionEventData eventData)
    {
        Release(eventData);
        return Task.CompletedTask;
    }
}
