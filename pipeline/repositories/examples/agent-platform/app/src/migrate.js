console.log('migrations applied');
